package io.sockscope.listener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.sockscope.support.ProcessRun;
import io.sockscope.support.SockscopeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's Python client, run as a real {@code python3} process.
 */
@SockscopeTest
class SeedClientTests {

	/**
	 * The seed's client loop: connect with {@code socket.create_connection}, send each
	 * line with {@code sendall}, print the reply as {@code response: (...)}, stop at
	 * {@code .quit}.
	 */
	private static final String CLIENT = """
			import socket, sys

			HOST, PORT = "127.0.0.1", int(sys.argv[1])

			with socket.create_connection((HOST, PORT), timeout=5) as s:
			    for msg in sys.stdin.read().splitlines():
			        if msg == ".quit":
			            break
			        s.sendall((msg + "\\n").encode("utf-8"))
			        data = b""
			        while not data.endswith(b"\\n"):
			            chunk = s.recv(1024)
			            if not chunk:
			                break
			            data += chunk
			        print("response: (" + data.decode("utf-8").rstrip("\\n") + ")")
			""";

	@Autowired
	ListenerRegistry listeners;

	@Test
	void seedPythonClientGetsItsEchoes(@TempDir Path dir) throws Exception {
		Path script = dir.resolve("client_side.py");
		Files.writeString(script, CLIENT);
		String output = runPython(script, "aaaa\nbbb\n\nこんにちは\n.quit\nnever sent\n");
		assertThat(output).isEqualTo("response: (aaaa)\nresponse: (bbb)\nresponse: ()\nresponse: (こんにちは)\n");
	}

	private String runPython(Path script, String stdin) {
		ProcessRun python = ProcessRun.run(
				List.of("python3", script.toString(), String.valueOf(this.listeners.port("echo"))),
				stdin.getBytes(StandardCharsets.UTF_8), Map.of("PYTHONIOENCODING", "utf-8"));
		assertThat(python.exitCode()).as(python.stderr()).isZero();
		return python.stdout();
	}

}
