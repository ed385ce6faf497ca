package io.sockscope.inspect;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sockscope.support.JavaProcess;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Structured logging, in a process of its own: the console format is chosen once per
 * process.
 */
class StructuredLogTests {

	private static final Pattern LISTENING = Pattern.compile("Listener 'echo' listening on 127\\.0\\.0\\.1:(\\d+)");

	@Test
	void ecsConsoleFormatCarriesTheFrameFieldsAsJson() throws Exception {
		Process process = new ProcessBuilder(JavaProcess.sockscope("--server.port=0",
				"--sockscope.listeners.echo.port=0", "--logging.structured.format.console=ecs"))
			.redirectErrorStream(true)
			.start();
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture
			.runAsync(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
				.lines()
				.forEach(lines::add));
		try {
			// a JVM of its own starting on a shared machine: allow it time
			int port = await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort(lines), (found) -> found > 0);
			try (TcpClient client = TcpClient.connect(port)) {
				assertThat(client.send("x\u001by\n").read(4)).containsExactly('x', 0x1b, 'y', '\n');
			}
			String line = await().until(() -> lines.stream()
				.filter((candidate) -> candidate.contains("\"direction\":\"in\""))
				.findFirst()
				.orElse(null), (found) -> found != null);
			Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(line);
			assertThat(json).containsEntry("listener", "echo")
				.containsEntry("direction", "in")
				.containsEntry("bytes", 3)
				.containsEntry("payload", "\"x\\x1by\"")
				.containsKeys("conn", "peer", "@timestamp", "message");
			assertThat(lines).allSatisfy((each) -> assertThat(each).startsWith("{"));
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	private static int listeningPort(List<String> lines) {
		for (String line : lines) {
			Matcher matcher = LISTENING.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		return 0;
	}

}
