package io.sockscope.listener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sockscope.support.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed gateway's client, run as a real {@code python3} process against a {@code raw}
 * listener: it sends a base64 payload, half-closes with {@code shutdown(SHUT_WR)}, and
 * must still read the whole payload back before EOF.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.enabled=false", "sockscope.listeners.gateway.port=0",
				"sockscope.listeners.gateway.framing=raw", "sockscope.listeners.gateway.max-frame-size=256KB" })
class HalfCloseSeedGatewayTests {

	private static final int MAX_FRAME_SIZE = 256 * 1024;

	/**
	 * The seed's request code, verbatim in its socket calls; {@code CLIENTS} threads run
	 * it at once, each with a base64 payload of {@code SIZE} bytes, and report whether
	 * the reply was exactly what they sent.
	 */
	private static final String GATEWAY_CLIENT = """
			import base64, os, socket, sys, threading

			HOST, PORT, SIZE, CLIENTS = "127.0.0.1", int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
			results = []

			def request(n):
			    b64_bytes = base64.b64encode(os.urandom(SIZE))[:SIZE]
			    with socket.create_connection((HOST, PORT), timeout=5) as s:
			        s.sendall(b64_bytes)
			        s.shutdown(socket.SHUT_WR)
			        data = b''
			        while True:
			            chunk = s.recv(4096)
			            if not chunk:
			                break
			            data += chunk
			    results.append("ok" if data == b64_bytes else "mismatch %d/%d" % (len(data), len(b64_bytes)))

			threads = [threading.Thread(target=request, args=(n,)) for n in range(CLIENTS)]
			for t in threads:
			    t.start()
			for t in threads:
			    t.join()
			print(" ".join(sorted(set(results))), len(results))
			""";

	@Autowired
	ListenerRegistry listeners;

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 4096, MAX_FRAME_SIZE - 1 })
	void seedGatewayClientGetsItsWholePayloadBackAfterHalfClosing(int size) throws Exception {
		assertThat(runClient(size, 1)).isEqualTo("ok 1");
	}

	@Test
	void twentySeedGatewayClientsAtOnceEachGetTheirOwnPayload() throws Exception {
		assertThat(runClient(4096, 20)).isEqualTo("ok 20");
	}

	private String runClient(int size, int clients) throws IOException {
		Path script = this.dir.resolve("gateway_client.py");
		Files.writeString(script, GATEWAY_CLIENT);
		ProcessRun python = ProcessRun.run(List.of("python3", script.toString(),
				String.valueOf(this.listeners.port("gateway")), String.valueOf(size), String.valueOf(clients)));
		assertThat(python.exitCode()).as(python.stderr()).isZero();
		return python.stdout().strip();
	}

}
