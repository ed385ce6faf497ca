package io.sockscope.connection;

import java.util.Locale;

/**
 * Kinds of error; the {@code kind} tag of {@code sockscope.errors}.
 */
public enum ErrorKind {

	/**
	 * A frame exceeded {@code max-frame-size}.
	 */
	OVERSIZE,

	/**
	 * Bytes that do not form a valid frame in the listener's framing or mode.
	 */
	DECODE,

	/**
	 * A timeout, such as a connection dropped while idle in the middle of a frame.
	 */
	TIMEOUT,

	/**
	 * A relay upstream could not be reached or did not answer.
	 */
	UPSTREAM,

	/**
	 * A connection refused because the listener was full.
	 */
	LIMIT;

	/**
	 * The tag value.
	 * @return lowercase name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
