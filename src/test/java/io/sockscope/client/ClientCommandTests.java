package io.sockscope.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.ProcessRun;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sockscope client} run as a real process against a started sockscope.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.lh2.port=0",
				"sockscope.listeners.lh2.framing=length-header-2", "sockscope.listeners.raw.port=0",
				"sockscope.listeners.raw.framing=raw" })
class ClientCommandTests {

	@Autowired
	ListenerRegistry listeners;

	@Test
	void sendPrintsTheReplyAsReceived() {
		ProcessRun run = client(null, "--port", port("echo"), "--send", "hello");
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).isEqualTo("hello\n");
		assertThat(run.stderr()).isEmpty();
	}

	@Test
	void pipedStdinSendsOneFramePerLine() {
		ProcessRun run = client("aaaa\nbbb\n", "--port", port("echo"));
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).isEqualTo("aaaa\nbbb\n");
	}

	@Test
	void lengthHeaderFramingCarriesTheTextAndPrintsThePayload() {
		ProcessRun run = client(null, "--port", port("lh2"), "--framing", "length-header-2", "--send", "héllo");
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).isEqualTo("héllo");
	}

	@Test
	void rawFramingHalfClosesAndPrintsEverythingUpToTheServersClose() {
		ProcessRun run = client("several\nlines\nat once", "--port", port("raw"), "--framing", "raw");
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).isEqualTo("several\nlines\nat once");
	}

	@Test
	void refusedConnectionIsOneLineOnStderrAndExitCodeOne() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ProcessRun run = client(null, "--port", String.valueOf(closedPort), "--send", "x");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.stderr())
			.isEqualTo("sockscope client: Cannot connect to 127.0.0.1:" + closedPort + ": Connection refused\n");
		assertThat(run.stdout()).isEmpty();
	}

	@Test
	void unknownHostIsOneLineOnStderrAndExitCodeOne() {
		ProcessRun run = client(null, "--host", "nosuch.invalid", "--send", "x");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.stderr()).isEqualTo("sockscope client: Cannot connect to nosuch.invalid:8890: unknown host\n");
	}

	@Test
	void silentServerIsATimeoutAfterTheGivenTime() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			List<Socket> accepted = acceptInBackground(silent, (socket) -> {
			});
			ProcessRun run = client(null, "--port", String.valueOf(silent.getLocalPort()), "--timeout", "300ms",
					"--send", "x");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.stderr())
				.isEqualTo("sockscope client: No reply from 127.0.0.1:" + silent.getLocalPort() + " within 300ms\n");
			closeAll(accepted);
		}
	}

	@Test
	void serverClosingMidReplyIsOneLineOnStderr() throws Exception {
		try (ServerSocket closer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			List<Socket> accepted = acceptInBackground(closer, (socket) -> {
				InputStream in = socket.getInputStream();
				in.read();
				socket.getOutputStream().write("par".getBytes(StandardCharsets.US_ASCII));
				socket.close();
			});
			ProcessRun run = client(null, "--port", String.valueOf(closer.getLocalPort()), "--send", "x");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.stderr()).isEqualTo("sockscope client: Connection to 127.0.0.1:" + closer.getLocalPort()
					+ " failed: Stream closed inside a frame after 3 bytes\n");
			closeAll(accepted);
		}
	}

	@Test
	void helpDocumentsEveryOption() {
		ProcessRun run = client(null, "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.stdout()).contains("--host", "--port", "--framing", "--timeout", "--send", "--max-frame-size",
				"Exit codes:");
	}

	@Test
	void unknownFramingIsAUsageError() {
		ProcessRun run = client(null, "--framing", "morse", "--send", "x");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.stderr())
			.startsWith("Invalid value for option '--framing': Unknown framing 'morse' (expected one of line, crlf, ");
	}

	private ProcessRun client(String stdin, String... args) {
		List<String> all = new ArrayList<>(List.of("client"));
		all.addAll(List.of(args));
		// the JVM decodes its arguments in the locale's charset: make it UTF-8 whatever
		// the
		// machine running the tests has set
		return ProcessRun.run(JavaProcess.sockscope(all.toArray(String[]::new)),
				(stdin != null) ? stdin.getBytes(StandardCharsets.UTF_8) : new byte[0], Map.of("LC_ALL", "C.UTF-8"));
	}

	private String port(String listener) {
		return String.valueOf(this.listeners.port(listener));
	}

	private static List<Socket> acceptInBackground(ServerSocket server, SocketHandler handler) {
		List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread thread = new Thread(() -> {
			while (!server.isClosed()) {
				try {
					Socket socket = server.accept();
					accepted.add(socket);
					handler.handle(socket);
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		thread.setDaemon(true);
		thread.start();
		return accepted;
	}

	private static void closeAll(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	@FunctionalInterface
	private interface SocketHandler {

		void handle(Socket socket) throws IOException;

	}

}
