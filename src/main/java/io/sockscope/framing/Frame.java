package io.sockscope.framing;

import java.nio.charset.StandardCharsets;

/**
 * One unit of application data read from, or written to, a connection.
 *
 * @param payload the bytes inside the framing
 * @param terminator the delimiter that ended the frame on the wire, or that ends it when
 * written; empty for framings without a trailing delimiter
 */
public record Frame(byte[] payload, byte[] terminator) implements Received {

	private static final byte[] NONE = new byte[0];

	/**
	 * Create a frame without an explicit terminator: the codec writing it chooses its
	 * own.
	 * @param payload the bytes inside the framing
	 * @return the frame
	 */
	public static Frame of(byte[] payload) {
		return new Frame(payload, NONE);
	}

	/**
	 * Create a frame of UTF-8 text without an explicit terminator.
	 * @param text the text
	 * @return the frame
	 */
	public static Frame of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A frame with other payload, ended the same way as this one.
	 * @param otherPayload the new payload
	 * @return the frame
	 */
	public Frame withPayload(byte[] otherPayload) {
		return new Frame(otherPayload, this.terminator);
	}

	/**
	 * The payload's size in bytes.
	 * @return the size
	 */
	public int size() {
		return this.payload.length;
	}

	/**
	 * Whether the codec that read this frame recorded its terminator.
	 * @return {@code true} if a terminator is known
	 */
	public boolean hasTerminator() {
		return this.terminator.length > 0;
	}

}
