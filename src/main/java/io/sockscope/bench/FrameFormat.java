package io.sockscope.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the benchmark writes a frame on the wire: the same framings the service speaks.
 * An echo service answers each frame with the same bytes, so a reply is checked byte
 * for byte against the frame that was sent.
 */
enum FrameFormat {

	/**
	 * Payload, then LF.
	 */
	LINE("line", 0, new byte[0], new byte[] { '\n' }),

	/**
	 * Payload, then CR LF.
	 */
	CRLF("crlf", 0, new byte[0], new byte[] { '\r', '\n' }),

	/**
	 * Payload, then LF.
	 */
	LF("lf", 0, new byte[0], new byte[] { '\n' }),

	/**
	 * Payload, then a 0x00 byte.
	 */
	NULL("null", 0, new byte[0], new byte[] { 0 }),

	/**
	 * STX (0x02), payload, ETX (0x03).
	 */
	STX_ETX("stx-etx", 0, new byte[] { 2 }, new byte[] { 3 }),

	/**
	 * One-byte big-endian length, then the payload.
	 */
	LENGTH_HEADER_1("length-header-1", 1, new byte[0], new byte[0]),

	/**
	 * Two-byte big-endian length, then the payload.
	 */
	LENGTH_HEADER_2("length-header-2", 2, new byte[0], new byte[0]),

	/**
	 * Four-byte big-endian length, then the payload.
	 */
	LENGTH_HEADER_4("length-header-4", 4, new byte[0], new byte[0]),

	/**
	 * The payload alone, ended by the client's half-close; the server closes after its
	 * reply.
	 */
	RAW("raw", 0, new byte[0], new byte[0]);

	private final String displayName;

	private final int lengthBytes;

	private final byte[] prefix;

	private final byte[] suffix;

	FrameFormat(String displayName, int lengthBytes, byte[] prefix, byte[] suffix) {
		this.displayName = displayName;
		this.lengthBytes = lengthBytes;
		this.prefix = prefix;
		this.suffix = suffix;
	}

	/**
	 * The name used on the command line.
	 * @return the name, such as {@code length-header-2}
	 */
	String displayName() {
		return this.displayName;
	}

	/**
	 * Whether a frame ends only where the client's stream ends.
	 * @return {@code true} for {@code raw}
	 */
	boolean endsAtEndOfStream() {
		return this == RAW;
	}

	/**
	 * The largest payload this framing can carry.
	 * @return the size in bytes
	 */
	long maxPayloadSize() {
		return switch (this.lengthBytes) {
			case 1 -> 0xFFL;
			case 2 -> 0xFFFFL;
			default -> Integer.MAX_VALUE - 16L;
		};
	}

	/**
	 * Where the payload starts in an encoded frame.
	 * @return the offset in bytes
	 */
	int payloadOffset() {
		return this.lengthBytes + this.prefix.length;
	}

	/**
	 * Encode a frame.
	 * @param payload the payload, which must not contain this framing's delimiters
	 * @return the bytes to write
	 */
	byte[] encode(byte[] payload) {
		byte[] frame = new byte[payloadOffset() + payload.length + this.suffix.length];
		for (int i = 0; i < this.lengthBytes; i++) {
			frame[i] = (byte) (payload.length >>> (8 * (this.lengthBytes - 1 - i)));
		}
		System.arraycopy(this.prefix, 0, frame, this.lengthBytes, this.prefix.length);
		System.arraycopy(payload, 0, frame, payloadOffset(), payload.length);
		System.arraycopy(this.suffix, 0, frame, payloadOffset() + payload.length, this.suffix.length);
		return frame;
	}

	/**
	 * Find a framing by its command-line name.
	 * @param name the name, such as {@code line}
	 * @return the framing
	 * @throws IllegalArgumentException if no framing has that name
	 */
	static FrameFormat of(String name) {
		for (FrameFormat format : values()) {
			if (format.displayName.equals(name)) {
				return format;
			}
		}
		throw new IllegalArgumentException("Unknown framing '" + name + "' (expected one of "
				+ Arrays.stream(values()).map(FrameFormat::displayName).collect(Collectors.joining(", ")) + ")");
	}

}
