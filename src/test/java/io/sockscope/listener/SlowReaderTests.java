package io.sockscope.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send and never read their replies: the listener stops reading from them
 * once their unwritten replies pass a bound, closes them when the replies make no
 * progress for the write timeout, and serves everyone else meanwhile.
 */
class SlowReaderTests {

	/**
	 * What a flooding client tries to send: far more than a connection may buffer.
	 */
	private static final long FLOOD_BYTES = 256L * 1024 * 1024;

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(SockscopeApplication.class).run("--server.port=0",
				"--sockscope.listeners.echo.enabled=false", "--sockscope.listeners.slow.port=0",
				"--sockscope.listeners.slow.write-timeout=1s", "--logging.level.sockscope.frames=warn");
		port = context.getBean(ListenerRegistry.class).port("slow");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void clientThatNeverReadsIsClosedByTheWriteTimeoutWhileOthersKeepTheirEchoes() throws Exception {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		double timeoutsBefore = closed(meters, "timeout");
		AtomicLong flooded = new AtomicLong();
		CompletableFuture<Void> flood;
		try (Socket flooder = new Socket()) {
			flooder.connect(new InetSocketAddress("127.0.0.1", port));
			flood = CompletableFuture.runAsync(() -> pipelineForever(flooder, flooded));
			try (TcpClient other = TcpClient.connect(port)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> closed(meters, "timeout") > timeoutsBefore);
				// meanwhile, and after, another client is answered at once
				for (int i = 0; i < 20; i++) {
					assertThat(other.send("still here " + i + "\n").readText("still here " + i + "\n"))
						.isEqualTo("still here " + i + "\n");
				}
			}
			flood.join();
		}
		double received = meters.get("sockscope.received").tag("listener", "slow").counter().count();
		assertThat(flooded.get()).as("the client's writes stopped short of the flood").isLessThan(FLOOD_BYTES);
		assertThat(received).as("the listener stopped reading the client").isLessThan(32 * 1024 * 1024);
		assertThat(meters.get("sockscope.errors").tags("listener", "slow", "kind", "timeout").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void hundredClientsThatNeverReadHoldBoundedMemoryAndAreAllClosed() throws Exception {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		double timeoutsBefore = closed(meters, "timeout");
		List<Socket> flooders = new ArrayList<>();
		List<CompletableFuture<Void>> floods = new ArrayList<>();
		AtomicLong flooded = new AtomicLong();
		try {
			for (int i = 0; i < 100; i++) {
				Socket flooder = new Socket();
				flooder.connect(new InetSocketAddress("127.0.0.1", port));
				flooders.add(flooder);
				floods.add(CompletableFuture.runAsync(() -> pipelineForever(flooder, flooded)));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> closed(meters, "timeout") >= timeoutsBefore + 100);
			CompletableFuture.allOf(floods.toArray(CompletableFuture[]::new)).join();
		}
		finally {
			for (Socket flooder : flooders) {
				flooder.close();
			}
		}
		await().until(() -> meters.get("sockscope.connections.active").tag("listener", "slow").gauge().value() == 0);
		double received = meters.get("sockscope.received").tag("listener", "slow").counter().count();
		// each connection reads at most its replies' bound plus what one read brings in,
		// whatever its client sends
		assertThat(received / 100).isLessThan(8 * 1024 * 1024);
	}

	private static double closed(MeterRegistry meters, String reason) {
		return meters.get("sockscope.connections.closed").tags("listener", "slow", "reason", reason).counter().count();
	}

	/**
	 * Send 64-byte lines until the flood is out or the connection closes; never read.
	 */
	private static void pipelineForever(Socket socket, AtomicLong sent) {
		byte[] lines = new byte[64 * 1024];
		Arrays.fill(lines, (byte) 'p');
		for (int i = 63; i < lines.length; i += 64) {
			lines[i] = '\n';
		}
		try {
			OutputStream out = socket.getOutputStream();
			for (long total = 0; total < FLOOD_BYTES; total += lines.length) {
				out.write(lines);
				sent.addAndGet(lines.length);
			}
		}
		catch (IOException ex) {
			// closed by the server: what the test waits for
		}
	}

}
