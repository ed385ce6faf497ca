package io.sockscope.framing;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The framings a listener, the client or a relay upstream can speak. Configuration values
 * are the lowercase names with hyphens ({@code length-header-2}).
 */
public enum Framing {

	/**
	 * A line feed ends the frame, with an optional carriage return before it; the reply
	 * ends the way the client's frame did.
	 */
	LINE(DelimiterCodec::line),

	/**
	 * CRLF ends the frame; replies end with CRLF.
	 */
	CRLF(DelimiterCodec::crlf),

	/**
	 * A line feed ends the frame; replies end with a line feed.
	 */
	LF(DelimiterCodec::lf),

	/**
	 * A NUL (0x00) byte ends the frame; replies end with one.
	 */
	NULL(DelimiterCodec::nul),

	/**
	 * The client's end of stream (half-close or close) ends the one frame of the
	 * connection; the reply is the payload, then the server closes.
	 */
	RAW(RawCodec::new),

	/**
	 * A 1-byte big-endian length before the payload; replies carry the same header.
	 */
	LENGTH_HEADER_1((max) -> new LengthHeaderCodec(max, 1)),

	/**
	 * A 2-byte big-endian length before the payload; replies carry the same header.
	 */
	LENGTH_HEADER_2((max) -> new LengthHeaderCodec(max, 2)),

	/**
	 * A 4-byte big-endian length before the payload; replies carry the same header.
	 */
	LENGTH_HEADER_4((max) -> new LengthHeaderCodec(max, 4)),

	/**
	 * STX (0x02), the payload, then ETX (0x03); replies are wrapped the same way.
	 */
	STX_ETX(StxEtxCodec::new);

	private final IntFunction<FrameCodec> codecFactory;

	Framing(IntFunction<FrameCodec> codecFactory) {
		this.codecFactory = codecFactory;
	}

	/**
	 * Create a new codec for this framing.
	 * @param maxFrameSize the largest payload accepted, in bytes
	 * @return a new codec instance
	 */
	public FrameCodec newCodec(int maxFrameSize) {
		return this.codecFactory.apply(maxFrameSize);
	}

	/**
	 * The framing with the given configuration name.
	 * @param name a name such as {@code length-header-2}
	 * @return the framing
	 * @throws IllegalArgumentException if no framing has that name
	 */
	public static Framing of(String name) {
		for (Framing framing : values()) {
			if (framing.displayName().equals(name)) {
				return framing;
			}
		}
		throw new IllegalArgumentException("Unknown framing '" + name + "' (expected one of "
				+ Arrays.stream(values()).map(Framing::displayName).collect(Collectors.joining(", ")) + ")");
	}

	/**
	 * The name used in configuration and logs.
	 * @return the name, such as {@code length-header-2}
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
