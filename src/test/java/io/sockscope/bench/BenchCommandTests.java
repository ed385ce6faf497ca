package io.sockscope.bench;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.SockscopeTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sockscope bench} against the real service, started on a free port.
 */
@SockscopeTest
class BenchCommandTests {

	@Autowired
	ListenerRegistry listeners;

	@Test
	void echoVerifiesPipelinedRepliesWithoutErrors() {
		Bench bench = Bench.run("--port", port(), "--connections", "4", "--pipeline", "4", "--duration", "1s",
				"--json");
		JsonNode result = bench.json();
		assertThat(bench.exitCode()).as(bench.out()).isZero();
		assertThat(result.get("requests").asLong()).isPositive();
		assertThat(result.get("errors").asLong()).isZero();
		assertThat(result.get("connectionsOpened").asLong()).isEqualTo(4);
		assertThat(result.get("latencyMicros").get("p99").asDouble()).isPositive();
	}

	@Test
	void crlfFramesOfSeveralKilobytesAreVerified() {
		Bench bench = Bench.run("--port", port(), "--framing", "crlf", "--size", "8KB", "--duration", "1s", "--json");
		assertThat(bench.exitCode()).as(bench.out()).isZero();
		assertThat(bench.json().get("frameLength").asInt()).isEqualTo(8 * 1024 + 2);
		assertThat(bench.json().get("megabytesPerSecond").asDouble()).isPositive();
	}

	@Test
	void connectOpensAConnectionPerRequest() {
		Bench bench = Bench.run("--port", port(), "--mode", "connect", "--connections", "2", "--duration", "1s",
				"--json");
		JsonNode result = bench.json();
		assertThat(bench.exitCode()).as(bench.out()).isZero();
		assertThat(result.get("requests").asLong()).isPositive();
		assertThat(result.get("connectionsOpened").asLong()).isGreaterThanOrEqualTo(result.get("requests").asLong());
	}

	@Test
	void holdKeepsEveryConnectionOpenAndChecksItStillEchoes() {
		Bench bench = Bench.run("--port", port(), "--mode", "hold", "--connections", "20", "--duration", "1s",
				"--json");
		JsonNode result = bench.json();
		assertThat(bench.exitCode()).as(bench.out()).isZero();
		assertThat(bench.err()).contains("bench: holding 20 connections");
		assertThat(result.get("connectionsHeld").asInt()).isEqualTo(20);
		assertThat(result.get("requests").asLong()).isEqualTo(20);
	}

	@Test
	void tablePrintsRatesLatenciesAndErrors() {
		Bench bench = Bench.run("--port", port(), "--duration", "1s");
		assertThat(bench.exitCode()).isZero();
		assertThat(bench.out()).contains("requests/s", "MB/s", "p50", "p90", "p99", "p99.9", "max", "errors")
			.contains("127.0.0.1:" + port());
	}

	private String port() {
		return String.valueOf(this.listeners.port("echo"));
	}

}
