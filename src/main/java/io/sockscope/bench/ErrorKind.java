package io.sockscope.bench;

import java.util.Locale;

/**
 * The ways a request can fail; each failure counts once.
 */
enum ErrorKind {

	/**
	 * A reply byte differs from the byte sent, or bytes arrived that nobody asked for.
	 */
	MISMATCH,

	/**
	 * A reply did not arrive: the connection closed, reset or timed out first.
	 */
	MISSING,

	/**
	 * The server closed a connection that had nothing in flight, before the end.
	 */
	CLOSED,

	/**
	 * A connection could not be opened in time.
	 */
	CONNECT;

	/**
	 * The name used in reports.
	 * @return the lowercase name
	 */
	String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
