package io.sockscope.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sockscope bench} against servers that answer wrongly or not at all, and against
 * the Netty server that {@code bench/compare} uses.
 */
class BenchFailureTests {

	@Test
	void wrongRepliesAreCountedAsMismatches() throws IOException {
		try (MisbehavingServer server = MisbehavingServer.uppercasing()) {
			Bench bench = Bench.run("--port", String.valueOf(server.port()), "--connections", "2", "--duration", "1s",
					"--json");
			JsonNode result = bench.json();
			assertThat(bench.exitCode()).isEqualTo(1);
			assertThat(result.get("requests").asLong()).isZero();
			assertThat(result.get("errorsByKind").get("mismatch").asLong()).isPositive();
		}
	}

	@Test
	void repliesThatNeverComeAreCountedAsMissing() throws IOException {
		try (MisbehavingServer server = MisbehavingServer.silent()) {
			Bench bench = Bench.run("--port", String.valueOf(server.port()), "--pipeline", "3", "--duration", "1s",
					"--timeout", "300ms", "--json");
			assertThat(bench.exitCode()).isEqualTo(1);
			assertThat(bench.json().get("errorsByKind").get("missing").asLong()).isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void refusedConnectionsAreCounted() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Bench bench = Bench.run("--port", String.valueOf(port), "--duration", "500ms", "--json");
		assertThat(bench.exitCode()).isEqualTo(1);
		assertThat(bench.json().get("errorsByKind").get("connect").asLong()).isPositive();
	}

	@Test
	void tableListsErrorsByKind() throws IOException {
		try (MisbehavingServer server = MisbehavingServer.uppercasing()) {
			Bench bench = Bench.run("--port", String.valueOf(server.port()), "--duration", "500ms");
			assertThat(bench.out()).containsPattern("errors by kind: mismatch=[1-9]");
		}
	}

	@Test
	void rawConnectHalfClosesAndReadsTheReplyToTheEnd() throws InterruptedException {
		try (NettyLineEchoServer netty = new NettyLineEchoServer(0, 0)) {
			Bench bench = Bench.run("--port", String.valueOf(netty.rawPort()), "--mode", "connect", "--framing", "raw",
					"--size", "64KB", "--connections", "2", "--duration", "1s", "--json");
			JsonNode result = bench.json();
			assertThat(bench.exitCode()).as(bench.out()).isZero();
			assertThat(result.get("requests").asLong()).isPositive();
			assertThat(result.get("frameLength").asInt()).isEqualTo(64 * 1024);
		}
	}

	@Test
	void nettyLineServerEchoesPipelinedLines() throws InterruptedException {
		try (NettyLineEchoServer netty = new NettyLineEchoServer(0, 0)) {
			Bench bench = Bench.run("--port", String.valueOf(netty.linePort()), "--connections", "3", "--pipeline", "8",
					"--duration", "1s", "--json");
			assertThat(bench.exitCode()).as(bench.out()).isZero();
			assertThat(bench.json().get("requests").asLong()).isPositive();
		}
	}

	@Test
	void rawFramingNeedsConnectMode() {
		Bench bench = Bench.run("--framing", "raw");
		assertThat(bench.exitCode()).isEqualTo(2);
		assertThat(bench.err()).contains("use it with --mode connect");
	}

	@Test
	void unknownFramingIsRejected() {
		Bench bench = Bench.run("--framing", "morse");
		assertThat(bench.exitCode()).isEqualTo(2);
		assertThat(bench.err()).contains("Unknown framing 'morse'");
	}

	@Test
	void payloadTooLargeForItsLengthHeaderIsRejected() {
		Bench bench = Bench.run("--framing", "length-header-1", "--size", "256B");
		assertThat(bench.exitCode()).isEqualTo(2);
		assertThat(bench.err()).contains("--size must be between 0 and 255 bytes");
	}

}
