package io.sockscope.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sockscope.support.PrometheusScrape;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever the network sends: oversize frames, garbage, idle and vanishing clients,
 * resets, more connections than allowed. Each gets a clear answer where the framing can
 * carry one, is counted once, and leaves every other connection untouched.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.enabled=false", "sockscope.listeners.guarded.port=0",
				"sockscope.listeners.guarded.max-frame-size=1KB", "sockscope.listeners.lengthy.port=0",
				"sockscope.listeners.lengthy.framing=length-header-4", "sockscope.listeners.lengthy.max-frame-size=1KB",
				"sockscope.listeners.raw.port=0", "sockscope.listeners.raw.framing=raw",
				"sockscope.listeners.raw.max-frame-size=1KB", "sockscope.listeners.stx.port=0",
				"sockscope.listeners.stx.framing=stx-etx", "sockscope.listeners.sleepy.port=0",
				"sockscope.listeners.sleepy.idle-timeout=300ms", "sockscope.listeners.tight.port=0",
				"sockscope.listeners.tight.max-connections=2" })
@ExtendWith(OutputCaptureExtension.class)
class BadInputTests {

	@Autowired
	ListenerRegistry listeners;

	@LocalManagementPort
	int managementPort;

	@BeforeEach
	void everyListenerIsQuiet() {
		for (String name : this.listeners.names()) {
			await().until(() -> scrape().value(active(name)) == 0);
		}
	}

	@Test
	void lineThatNeverEndsGetsOneErrorLineThenTheConnectionCloses(CapturedOutput output) {
		PrometheusScrape before = scrape();
		try (TcpClient bystander = TcpClient.connect(port("guarded"));
				TcpClient client = TcpClient.connect(port("guarded"))) {
			client.send("x".repeat(4096));
			assertThat(text(client.readToEnd())).isEqualTo("error: frame exceeds max-frame-size of 1024 bytes\n");
			bystander.send("still here\n");
			assertThat(bystander.readText("still here\n")).isEqualTo("still here\n");
		}
		awaitQuiet("guarded");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, errors("guarded", "oversize"))).isEqualTo(1);
		assertThat(delta(before, after, closed("guarded", "error"))).isEqualTo(1);
		assertThat(delta(before, after, closed("guarded", "client"))).isEqualTo(1);
		// the error line is counted as such; frames in and out still balance
		assertThat(delta(before, after, "sockscope_error_frames_sent_total{listener=\"guarded\"}")).isEqualTo(1);
		assertThat(delta(before, after, "sockscope_frames_sent_total{listener=\"guarded\"}"))
			.isEqualTo(delta(before, after, "sockscope_frames_received_total{listener=\"guarded\"}"));
		assertThat(output.getOut()).contains("error listener=guarded")
			.contains("kind=oversize detail=\"frame exceeds max-frame-size of 1024 bytes\"");
		assertNoErrorsLogged(output);
	}

	@Test
	void lengthHeaderAnnouncingTwoGigabytesIsRefusedInItsOwnFraming(CapturedOutput output) {
		PrometheusScrape before = scrape();
		try (TcpClient client = TcpClient.connect(port("lengthy"))) {
			client.send(new byte[] { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a', 'b' });
			byte[] reply = client.readToEnd();
			String message = "error: frame of 2147483647 bytes exceeds max-frame-size of 1024 bytes";
			assertThat(reply).hasSize(4 + message.length()).startsWith(0, 0, 0, message.length());
			assertThat(text(reply).substring(4)).isEqualTo(message);
		}
		awaitQuiet("lengthy");
		assertThat(delta(before, scrape(), errors("lengthy", "oversize"))).isEqualTo(1);
		assertNoErrorsLogged(output);
	}

	@Test
	void rawDataPastTheLimitIsRefused() {
		PrometheusScrape before = scrape();
		try (TcpClient client = TcpClient.connect(port("raw"))) {
			client.send(new byte[1025]).halfClose();
			assertThat(text(client.readToEnd())).isEqualTo("error: frame exceeds max-frame-size of 1024 bytes");
		}
		awaitQuiet("raw");
		assertThat(delta(before, scrape(), errors("raw", "oversize"))).isEqualTo(1);
	}

	@Test
	void frameNotStartingWithStxIsADecodeError(CapturedOutput output) {
		PrometheusScrape before = scrape();
		try (TcpClient client = TcpClient.connect(port("stx"))) {
			client.send("hello\u0003");
			assertThat(text(client.readToEnd()))
				.isEqualTo("\u0002error: stx-etx frame must start with STX (0x02), not 0x68\u0003");
		}
		awaitQuiet("stx");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, errors("stx", "decode"))).isEqualTo(1);
		assertThat(delta(before, after, closed("stx", "error"))).isEqualTo(1);
		assertNoErrorsLogged(output);
	}

	@Test
	void silentConnectionIsClosedAsIdle(CapturedOutput output) {
		PrometheusScrape before = scrape();
		try (TcpClient client = TcpClient.connect(port("sleepy"))) {
			assertThat(client.readToEnd()).isEmpty();
		}
		awaitQuiet("sleepy");
		assertThat(delta(before, scrape(), closed("sleepy", "idle"))).isEqualTo(1);
		assertThat(output.getOut()).containsPattern("close listener=sleepy .* reason=idle");
		assertNoErrorsLogged(output);
	}

	@Test
	void connectionTalkingMoreOftenThanTheIdleTimeoutStaysOpen() {
		PrometheusScrape before = scrape();
		long start = System.nanoTime();
		try (TcpClient client = TcpClient.connect(port("sleepy"))) {
			AtomicInteger echoed = new AtomicInteger();
			// a line every 100 ms for more than three idle timeouts of 300 ms
			await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.atMost(Duration.ofSeconds(10))
				.until(() -> {
					String line = "beat " + echoed.get() + "\n";
					assertThat(client.send(line).readText(line)).isEqualTo(line);
					return echoed.incrementAndGet() == 10;
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
		}
		awaitQuiet("sleepy");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, closed("sleepy", "idle"))).isZero();
		assertThat(delta(before, after, closed("sleepy", "client"))).isEqualTo(1);
	}

	@Test
	void connectionOverTheLimitIsClosedAtOnceAndCountedWhileOthersCarryOn(CapturedOutput output) {
		PrometheusScrape before = scrape();
		try (TcpClient first = TcpClient.connect(port("tight")); TcpClient second = TcpClient.connect(port("tight"))) {
			assertThat(first.send("1\n").readText("1\n")).isEqualTo("1\n");
			assertThat(second.send("2\n").readText("2\n")).isEqualTo("2\n");
			try (TcpClient third = TcpClient.connect(port("tight"))) {
				assertThat(text(third.readToEnd())).isEqualTo("error: listener already has max-connections=2 open\n");
			}
			assertThat(first.send("1 again\n").readText("1 again\n")).isEqualTo("1 again\n");
		}
		awaitQuiet("tight");
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, closed("tight", "limit"))).isEqualTo(1);
		assertThat(delta(before, after, errors("tight", "limit"))).isEqualTo(1);
		assertThat(delta(before, after, opened("tight"))).isEqualTo(3);
		assertThat(delta(before, after, closed("tight", "client"))).isEqualTo(2);
		assertNoErrorsLogged(output);
	}

	@Test
	void vanishingResettingAndGarbageClientsLeaveNoTraceButTheirCounts(CapturedOutput output) throws Exception {
		int busyBefore = connectionThreads();
		PrometheusScrape before = scrape();
		try (TcpClient bystander = TcpClient.connect(port("guarded"))) {
			// half a frame, then gone
			try (TcpClient client = TcpClient.connect(port("guarded"))) {
				client.send("half a fra");
			}
			// a reset instead of a close
			Socket resetting = new Socket();
			resetting.connect(new InetSocketAddress("127.0.0.1", port("guarded")));
			resetting.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
			resetting.setSoLinger(true, 0);
			resetting.close();
			// 1 MB of random bytes, read back concurrently so neither side blocks
			sendRandomMegabyte(port("guarded"));
			bystander.send("unaffected\n");
			assertThat(bystander.readText("unaffected\n")).isEqualTo("unaffected\n");
		}
		awaitQuiet("guarded");
		PrometheusScrape after = scrape();
		double opened = delta(before, after, opened("guarded"));
		assertThat(opened).isEqualTo(4);
		double closed = 0;
		for (String reason : new String[] { "client", "idle", "error", "limit", "shutdown" }) {
			closed += delta(before, after, closed("guarded", reason));
		}
		assertThat(closed).as("every close counted exactly once").isEqualTo(opened);
		await().until(() -> connectionThreads() <= busyBefore);
		assertNoErrorsLogged(output);
	}

	private void sendRandomMegabyte(int port) throws Exception {
		byte[] garbage = new byte[1024 * 1024];
		new Random(42).nextBytes(garbage);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port));
			socket.setSoTimeout(10000);
			InputStream in = socket.getInputStream();
			CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> {
				try {
					return in.transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					return -1L;
				}
			});
			try {
				socket.getOutputStream().write(garbage);
				socket.shutdownOutput();
			}
			catch (IOException ex) {
				// the server may close on an oversize line before everything is written
			}
			drained.get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Threads running a connection's read loop: on Java 17 they are pooled platform
	 * threads, and one that is still inside a connection after it closed is a leak.
	 */
	private static int connectionThreads() {
		return (int) Thread.getAllStackTraces()
			.values()
			.stream()
			.filter((stack) -> java.util.Arrays.stream(stack)
				.anyMatch((frame) -> frame.getClassName().endsWith("TcpNetConnection")
						&& frame.getMethodName().equals("run")))
			.count();
	}

	private static void assertNoErrorsLogged(CapturedOutput output) {
		assertThat(output.getOut() + output.getErr()).doesNotContain(" ERROR ")
			.doesNotContain(" WARN ")
			.doesNotContainPattern("\\n\\s+at [a-z]");
	}

	private void awaitQuiet(String listener) {
		await().until(() -> scrape().value(active(listener)) == 0);
	}

	private int port(String listener) {
		return this.listeners.port(listener);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.of(this.managementPort);
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String sample) {
		return after.value(sample) - before.value(sample);
	}

	private static String active(String listener) {
		return "sockscope_connections_active{listener=\"" + listener + "\"}";
	}

	private static String opened(String listener) {
		return "sockscope_connections_opened_total{listener=\"" + listener + "\"}";
	}

	private static String closed(String listener, String reason) {
		return "sockscope_connections_closed_total{listener=\"" + listener + "\",reason=\"" + reason + "\"}";
	}

	private static String errors(String listener, String kind) {
		return "sockscope_errors_total{kind=\"" + kind + "\",listener=\"" + listener + "\"}";
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
