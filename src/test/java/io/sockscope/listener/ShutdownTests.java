package io.sockscope.listener;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sockscope.support.JavaProcess;
import io.sockscope.support.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real sockscope process stopped with SIGTERM while its clients flood it and never read
 * their replies: it exits within the grace period plus a second, whatever they do.
 */
class ShutdownTests {

	private static final Pattern LISTENING = Pattern.compile("Listener 'echo' listening on 127\\.0\\.0\\.1:(\\d+)");

	private static final Pattern ACTUATOR = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void sigtermCompletesWithinTheGracePeriodWhileClientsNeverRead(@TempDir Path dir) throws Exception {
		Path logFile = dir.resolve("sockscope.log");
		Process process = new ProcessBuilder(JavaProcess.sockscope("--server.port=0",
				"--sockscope.listeners.echo.port=0", "--sockscope.shutdown.grace-period=2s",
				"--sockscope.listeners.echo.write-timeout=0", "--logging.level.sockscope.frames=warn"))
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.start();
		Supplier<String> log = () -> read(logFile);
		List<Socket> flooders = new ArrayList<>();
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> LISTENING.matcher(log.get()).find() && ACTUATOR.matcher(log.get()).find());
			int port = group(LISTENING, log.get());
			int actuator = group(ACTUATOR, log.get());
			for (int i = 0; i < 20; i++) {
				Socket flooder = new Socket();
				flooder.connect(new InetSocketAddress("127.0.0.1", port));
				flooders.add(flooder);
				CompletableFuture.runAsync(() -> pipelineForever(flooder));
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						PrometheusScrape.of(actuator).value("sockscope_connections_active{listener=\"echo\"}"))
					.isEqualTo(20));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						PrometheusScrape.of(actuator).value("sockscope_sent_bytes_total{listener=\"echo\"}"))
					.isGreaterThan(1024 * 1024));
			long start = System.nanoTime();
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(log.get()).contains("Listener 'echo' stopped");
			// those with replies still stuck were closed at the end of the grace period,
			// the
			// others as soon as their replies were out
			assertThat(log.get().lines().filter((line) -> line.contains("reason=shutdown"))).hasSize(20);
			// the grace period, the second the forced close may take, and the JVM's own
			// exit
			// (Tomcat, Spring, a busy CI machine): well short of the minute it took when
			// a
			// blocked write held the connection's thread
			assertThat(took).isLessThan(Duration.ofSeconds(2 + 1 + 4));
		}
		finally {
			process.destroyForcibly();
			for (Socket flooder : flooders) {
				flooder.close();
			}
		}
	}

	private static int group(Pattern pattern, CharSequence log) {
		Matcher matcher = pattern.matcher(log);
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pipelineForever(Socket socket) {
		byte[] lines = new byte[64 * 1024];
		Arrays.fill(lines, (byte) 's');
		for (int i = 63; i < lines.length; i += 64) {
			lines[i] = '\n';
		}
		try {
			OutputStream out = socket.getOutputStream();
			while (true) {
				out.write(lines);
			}
		}
		catch (IOException ex) {
			// closed by the server
		}
	}

}
