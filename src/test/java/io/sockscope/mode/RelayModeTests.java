package io.sockscope.mode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sockscope relay listener ({@code line}) in front of a second sockscope
 * ({@code length-header-2}), which the tests stop and start again.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayModeTests {

	private static ConfigurableApplicationContext upstream;

	private static int upstreamPort;

	private static ServerSocket silentUpstream;

	private static final List<Socket> silentConnections = java.util.Collections.synchronizedList(new ArrayList<>());

	private static ConfigurableApplicationContext relay;

	@BeforeAll
	static void startUpstreamAndRelay() throws IOException {
		upstream = startUpstream(0);
		upstreamPort = upstream.getBean(ListenerRegistry.class).port("echo");
		silentUpstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!silentUpstream.isClosed()) {
				try {
					silentConnections.add(silentUpstream.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		relay = new SpringApplicationBuilder(SockscopeApplication.class).run("--server.port=0",
				"--sockscope.listeners.echo.enabled=false", "--sockscope.listeners.front.port=0",
				"--sockscope.listeners.front.mode=relay", "--sockscope.listeners.front.relay.host=127.0.0.1",
				"--sockscope.listeners.front.relay.port=" + upstreamPort,
				"--sockscope.listeners.front.relay.framing=length-header-2",
				"--sockscope.listeners.front.relay.timeout=1s", "--sockscope.listeners.front.log.lines-per-second=0",
				"--sockscope.listeners.mute.port=0", "--sockscope.listeners.mute.mode=relay",
				"--sockscope.listeners.mute.relay.host=127.0.0.1",
				"--sockscope.listeners.mute.relay.port=" + silentUpstream.getLocalPort(),
				"--sockscope.listeners.mute.relay.timeout=500ms");
	}

	@AfterAll
	static void stopAll() throws IOException {
		relay.close();
		upstream.close();
		silentUpstream.close();
		for (Socket socket : silentConnections) {
			socket.close();
		}
	}

	private static ConfigurableApplicationContext startUpstream(int port) {
		return new SpringApplicationBuilder(SockscopeApplication.class).run("--server.port=0",
				"--sockscope.listeners.echo.port=" + port, "--sockscope.listeners.echo.framing=length-header-2",
				"--sockscope.shutdown.grace-period=0s");
	}

	@Test
	void twentyConcurrentClientsEachGetTheirOwnRepliesThroughTheUpstream() throws Exception {
		List<CompletableFuture<String>> replies = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int c = 0; c < 20; c++) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < 10; i++) {
				text.append("client ").append(c).append(" frame ").append(i).append(i % 2 == 0 ? "\r\n" : "\n");
			}
			String request = text.toString();
			expected.add(request);
			replies.add(CompletableFuture.supplyAsync(() -> {
				try (TcpClient client = TcpClient.connect(port("front"))) {
					return client.send(request).readText(request);
				}
			}));
		}
		for (int c = 0; c < 20; c++) {
			assertThat(replies.get(c).get(30, TimeUnit.SECONDS)).isEqualTo(expected.get(c));
		}
	}

	@Test
	void relayedFramesAreLoggedInBothDirectionsAndTimed(CapturedOutput output) {
		MeterRegistry meters = relay.getBean(MeterRegistry.class);
		long before = meters.get("sockscope.upstream").tag("listener", "front").timer().count();
		try (TcpClient client = TcpClient.connect(port("front"))) {
			assertThat(client.send("via upstream\n").readText("via upstream\n")).isEqualTo("via upstream\n");
		}
		assertThat(meters.get("sockscope.upstream").tag("listener", "front").timer().count()).isEqualTo(before + 1);
		// the connection logs a reply after writing it, so the client may read it first
		await().untilAsserted(() -> assertThat(output.getOut())
			.containsPattern("listener=front .* direction=in bytes=12 payload=\"via upstream\"")
			.containsPattern("listener=front .* direction=out bytes=12 payload=\"via upstream\""));
	}

	@Test
	void silentUpstreamGivesAnErrorLineWithinTheTimeoutAndTheConnectionStaysUsable() {
		MeterRegistry meters = relay.getBean(MeterRegistry.class);
		double errorsBefore = upstreamErrors(meters, "mute");
		try (TcpClient client = TcpClient.connect(port("mute"))) {
			String error = "error: No reply from 127.0.0.1:" + silentUpstream.getLocalPort() + " within 500ms\n";
			assertThat(client.send("anyone?\n").readText(error)).isEqualTo(error);
			assertThat(client.send("still?\n").readText(error)).isEqualTo(error);
		}
		assertThat(upstreamErrors(meters, "mute")).isEqualTo(errorsBefore + 2);
	}

	@Test
	void stoppedUpstreamGivesErrorLinesAndTheRelayRecoversWhenItIsBack() {
		MeterRegistry meters = relay.getBean(MeterRegistry.class);
		double errorsBefore = upstreamErrors(meters, "front");
		upstream.close();
		try (TcpClient client = TcpClient.connect(port("front"))) {
			String reply = readLine(client.send("hello?\n"));
			assertThat(reply).startsWith("error: ").contains("127.0.0.1:" + upstreamPort);
			assertThat(upstreamErrors(meters, "front")).isGreaterThan(errorsBefore);
			upstream = startUpstream(upstreamPort);
			await().until(() -> readLine(client.send("back?\n")).equals("back?"));
		}
	}

	private static String readLine(TcpClient client) {
		StringBuilder line = new StringBuilder();
		while (true) {
			byte b = client.read(1)[0];
			if (b == '\n') {
				return line.toString();
			}
			line.append((char) b);
		}
	}

	private static double upstreamErrors(MeterRegistry meters, String listener) {
		return meters.get("sockscope.errors").tag("listener", listener).tag("kind", "upstream").counter().count();
	}

	private static int port(String listener) {
		return relay.getBean(ListenerRegistry.class).port(listener);
	}

}
