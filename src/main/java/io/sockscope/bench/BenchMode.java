package io.sockscope.bench;

import java.util.Locale;

/**
 * What each simulated client does during a benchmark.
 */
enum BenchMode {

	/**
	 * Keep each connection open and keep {@code --pipeline} requests in flight on it.
	 */
	ECHO,

	/**
	 * Open a new connection for every request, close it after the reply; with {@code raw}
	 * framing, half-close after sending and read the reply to its end.
	 */
	CONNECT,

	/**
	 * Open the connections and keep them idle; at the end, check that each one still
	 * echoes a frame.
	 */
	HOLD;

	/**
	 * The name used on the command line.
	 * @return the lowercase name
	 */
	String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Find a mode by its command-line name.
	 * @param name the name, such as {@code echo}
	 * @return the mode
	 * @throws IllegalArgumentException if no mode has that name
	 */
	static BenchMode of(String name) {
		for (BenchMode mode : values()) {
			if (mode.displayName().equals(name)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Unknown mode '" + name + "' (expected echo, connect or hold)");
	}

}
