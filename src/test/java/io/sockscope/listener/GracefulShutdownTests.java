package io.sockscope.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context, as SIGTERM does.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private static final int LARGE = 16 * 1024 * 1024;

	@Test
	void replyInFlightAtShutdownIsDeliveredAndIdleConnectionsAreClosed(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--server.port=0", "--sockscope.listeners.echo.port=0",
				"--sockscope.listeners.echo.max-frame-size=32MB", "--logging.level.sockscope.frames=warn");
		int port = context.getBean(ListenerRegistry.class).port("echo");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		try (TcpClient idle = TcpClient.connect(port); TcpClient busy = TcpClient.connect(port)) {
			assertThat(idle.send("ping\n").readText("ping\n")).isEqualTo("ping\n");
			// a reply larger than the socket buffers: the server is still writing it
			// while
			// this client does not read
			byte[] line = new byte[LARGE + 1];
			Arrays.fill(line, (byte) 'x');
			line[LARGE] = '\n';
			busy.send(line);
			await().until(() -> meters.get("sockscope.sent").tag("listener", "echo").counter().count() > 5);
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
			assertThat(idle.readToEnd()).as("idle connection closed at once").isEmpty();
			assertThat(shutdown).isNotDone();
			assertThat(busy.readToEnd()).as("the whole reply, then the close").isEqualTo(line);
			shutdown.get(30, TimeUnit.SECONDS);
		}
		assertThat(output.getOut()).containsPattern("close listener=echo .* reason=shutdown")
			.contains("Listener 'echo' stopped")
			.doesNotContain(" ERROR ");
	}

	@Test
	void connectionsStillBusyAfterTheGracePeriodAreClosed(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--server.port=0", "--sockscope.listeners.echo.port=0",
				"--sockscope.listeners.echo.max-frame-size=32MB", "--sockscope.shutdown.grace-period=200ms",
				"--logging.level.sockscope.frames=warn");
		int port = context.getBean(ListenerRegistry.class).port("echo");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		try (TcpClient stuck = TcpClient.connect(port)) {
			byte[] line = new byte[LARGE + 1];
			Arrays.fill(line, (byte) 'y');
			line[LARGE] = '\n';
			stuck.send(line);
			await().until(() -> meters.get("sockscope.sent").tag("listener", "echo").counter().count() > 5);
			// never reads: shutdown must not wait for it beyond the grace period
			CompletableFuture.runAsync(context::close).get(30, TimeUnit.SECONDS);
		}
		assertThat(output.getOut())
			.contains("Listener 'echo' closing 1 connection(s) still busy after the grace period");
	}

	@Test
	void everyFrameReadBeforeShutdownIsAnswered(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class)
			.run("--server.port=0", "--sockscope.listeners.echo.port=0", "--logging.level.sockscope.frames=warn");
		int port = context.getBean(ListenerRegistry.class).port("echo");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		byte[] lines = new byte[16 * 1024 * 1024];
		Arrays.fill(lines, (byte) 'z');
		for (int i = 63; i < lines.length; i += 64) {
			lines[i] = '\n';
		}
		try (Socket client = new Socket("127.0.0.1", port)) {
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				try {
					client.getOutputStream().write(lines);
				}
				catch (IOException ex) {
					// the server stopped reading and closed: expected mid-way
				}
			});
			CompletableFuture<byte[]> replies = CompletableFuture.supplyAsync(() -> {
				try {
					return client.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			// shut down mid-stream, with frames read and not yet answered
			await().until(
					() -> meters.get("sockscope.frames.received").tag("listener", "echo").counter().count() > 10_000);
			double readBeforeClose = meters.get("sockscope.frames.received").tag("listener", "echo").counter().count();
			context.close();
			byte[] answered = replies.get(30, TimeUnit.SECONDS);
			sending.handle((done, ex) -> null).get(30, TimeUnit.SECONDS);
			assertThat(answered.length % 64).as("whole lines only").isZero();
			assertThat(answered).isEqualTo(Arrays.copyOf(lines, answered.length));
			assertThat(answered.length).isLessThan(lines.length);
			// every whole frame the listener read got its reply before the close
			Matcher closed = Pattern
				.compile("close listener=echo conn=\\d+ peer=127\\.0\\.0\\.1:" + client.getLocalPort()
						+ " reason=shutdown duration=\\d+ms received=(\\d+) sent=(\\d+)")
				.matcher(output.getOut());
			assertThat(closed.find()).isTrue();
			long received = Long.parseLong(closed.group(1));
			assertThat(answered.length / 64).isGreaterThan((int) readBeforeClose).isEqualTo((int) (received / 64));
		}
	}

}
