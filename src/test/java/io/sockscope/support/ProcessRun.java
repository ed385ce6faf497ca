package io.sockscope.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A finished run of a real program, such as curl or python3: its exit code and output.
 *
 * @param exitCode the exit code
 * @param stdout standard output as UTF-8
 * @param stderr standard error as UTF-8
 */
public record ProcessRun(int exitCode, String stdout, String stderr) {

	private static final long TIMEOUT_SECONDS = 60;

	public static ProcessRun run(List<String> command) {
		return run(command, null, Map.of());
	}

	/**
	 * Run a program to completion, feeding it standard input; a run that does not finish
	 * within a minute fails the test.
	 */
	public static ProcessRun run(List<String> command, byte[] stdin, Map<String, String> environment) {
		return run(command, stdin, environment, Duration.ofSeconds(TIMEOUT_SECONDS));
	}

	/**
	 * Run a program to completion, feeding it standard input; a run that does not finish
	 * within the timeout fails the test.
	 */
	public static ProcessRun run(List<String> command, byte[] stdin, Map<String, String> environment,
			Duration timeout) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(environment);
			Process process = builder.start();
			CompletableFuture<byte[]> out = drain(process.getInputStream());
			CompletableFuture<byte[]> err = drain(process.getErrorStream());
			if (stdin != null) {
				process.getOutputStream().write(stdin);
			}
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(command + " did not finish within " + timeout);
			}
			return new ProcessRun(process.exitValue(), text(out), text(err));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static CompletableFuture<byte[]> drain(InputStream in) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				in.transferTo(bytes);
				return bytes.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static String text(CompletableFuture<byte[]> bytes) {
		return new String(bytes.join(), StandardCharsets.UTF_8);
	}

}
