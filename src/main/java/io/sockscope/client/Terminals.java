package io.sockscope.client;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the client talks to a person at a terminal.
 */
final class Terminals {

	private Terminals() {
	}

	/**
	 * Whether standard input and output are a terminal. Up to Java 21 that is exactly when
	 * {@link System#console()} exists; from Java 22 a console exists even when redirected,
	 * and {@code Console.isTerminal()} tells.
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

}
