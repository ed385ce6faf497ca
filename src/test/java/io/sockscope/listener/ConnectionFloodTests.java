package io.sockscope.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Thousands of misbehaving clients at once: trickling, garbage, resets. Every other
 * client's echoes stay right, and nothing is left behind: no connection, no thread.
 */
class ConnectionFloodTests {

	private static ConfigurableApplicationContext context;

	private static int port;

	private static MeterRegistry meters;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(SockscopeApplication.class).run("--server.port=0",
				"--sockscope.listeners.echo.enabled=false", "--sockscope.listeners.flood.port=0",
				"--sockscope.listeners.flood.max-frame-size=1KB", "--logging.level.sockscope=warn");
		port = context.getBean(ListenerRegistry.class).port("flood");
		meters = context.getBean(MeterRegistry.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void tricklingGarbageAndResettingClientsLeaveOtherEchoesRightAndNothingBehind() throws Exception {
		warmUp();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicInteger witnessed = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(64);
		ExecutorService witnesses = Executors.newSingleThreadExecutor();
		Future<?> witness = witnesses.submit(() -> witness(flooding, witnessed));
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				int n = i;
				runs.add(clients.submit(() -> trickle(n)));
				runs.add(clients.submit(() -> garbage(n)));
				runs.add(clients.submit(() -> resetMidFrame(n)));
				runs.add(clients.submit(() -> resetMidFrame(n + 1000)));
			}
			for (Future<?> run : runs) {
				run.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			flooding.set(false);
			clients.shutdown();
		}
		witness.get(30, TimeUnit.SECONDS);
		witnesses.shutdown();
		assertThat(witnessed.get()).as("witness echoes").isPositive();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> meters.get("sockscope.connections.active").tag("listener", "flood").gauge().value() == 0);
		assertThat(meters.get("sockscope.connections.opened").tag("listener", "flood").counter().count())
			.isGreaterThanOrEqualTo(4001);
		// the clients' own pool has ended; the listener's threads are the event loops it
		// had
		// polled on this thread: Awaitility's own would be counted
		await().pollInSameThread()
			.untilAsserted(() -> assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
				.isLessThanOrEqualTo(threadsBefore));
	}

	@Test
	void fiveHundredOpenConnectionsTakeNoThreadOfTheirOwn() throws Exception {
		warmUp();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		List<TcpClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 500; i++) {
				open.add(TcpClient.connect(port));
			}
			for (TcpClient client : open) {
				assertThat(client.send("x\n").readText("x\n")).isEqualTo("x\n");
			}
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(threadsBefore + 8);
		}
		finally {
			for (TcpClient client : open) {
				client.close();
			}
		}
		await().until(() -> meters.get("sockscope.connections.active").tag("listener", "flood").gauge().value() == 0);
	}

	/**
	 * One echo first, so that the event loops exist before threads are counted.
	 */
	private static void warmUp() {
		try (TcpClient client = TcpClient.connect(port)) {
			assertThat(client.send("warm\n").readText("warm\n")).isEqualTo("warm\n");
		}
	}

	private static void witness(AtomicBoolean flooding, AtomicInteger witnessed) {
		try (TcpClient client = TcpClient.connect(port)) {
			for (int i = 0; flooding.get(); i++) {
				String line = "witness " + i + "\n";
				assertThat(client.send(line).readText(line)).isEqualTo(line);
				witnessed.incrementAndGet();
			}
		}
	}

	private static void trickle(int n) {
		byte[] line = ("trickle-" + n + "\n").getBytes(StandardCharsets.US_ASCII);
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			for (byte b : line) {
				out.write(b);
				out.flush();
			}
			assertThat(socket.getInputStream().readNBytes(line.length)).isEqualTo(line);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void garbage(int n) {
		byte[] bytes = new byte[4096];
		new Random(n).nextBytes(bytes);
		try (Socket socket = connect()) {
			socket.getOutputStream().write(bytes);
			socket.shutdownOutput();
			// whatever comes back, to the server's close
			InputStream in = socket.getInputStream();
			while (in.read(bytes) >= 0) {
				// discard
			}
		}
		catch (IOException ex) {
			// a reset once the server closed on the garbage: expected
		}
	}

	private static void resetMidFrame(int n) {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(("half a frame " + n).getBytes(StandardCharsets.US_ASCII));
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Socket connect() throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(30_000);
		return socket;
	}

}
