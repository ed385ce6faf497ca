package io.sockscope.inspect;

import java.util.Locale;

/**
 * Which way a frame crossed the socket.
 */
public enum Direction {

	/**
	 * Read from the peer.
	 */
	IN,

	/**
	 * Written to the peer.
	 */
	OUT;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
