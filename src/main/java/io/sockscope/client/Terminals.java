package io.sockscope.client;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * Whether the client talks to a person at a terminal.
 */
final class Terminals {

	private Terminals() {
	}

	/**
	 * Whether standard input and output are a terminal. Up to Java 21 that is exactly
	 * when {@link System#console()} exists; from Java 22 a console exists even when
	 * redirected, and {@code Console.isTerminal()} tells.
	 * @return {@code true} at an interactive terminal
	 */
	static boolean interactive() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	/**
	 * Whether standard output is a terminal, even when standard input is not (text piped
	 * in, replies shown on a screen). Asks {@code test -t 1} with this process's standard
	 * output; where there is no such command, a terminal is assumed only with a console.
	 * @return {@code true} if standard output is a terminal
	 */
	static boolean outputIsTerminal() {
		if (interactive()) {
			return true;
		}
		try {
			Process test = new ProcessBuilder("test", "-t", "1").redirectOutput(ProcessBuilder.Redirect.INHERIT)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			test.getOutputStream().close();
			if (!test.waitFor(2, TimeUnit.SECONDS)) {
				test.destroyForcibly();
				return false;
			}
			return test.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
