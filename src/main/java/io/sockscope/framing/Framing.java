package io.sockscope.framing;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The framings a listener, the client or a relay upstream can speak. Configuration
 * values are the lowercase names with hyphens ({@code length-header-2}).
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
	NULL(DelimiterCodec::nul);

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
	 * The name used in configuration and logs.
	 * @return the name, such as {@code length-header-2}
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
