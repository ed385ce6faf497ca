package io.sockscope.inspect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Renders untrusted payload bytes as one safe log token: a quoted, escaped string or hex
 * digits, cut at a limit. Nothing in the output can end the log line, start another, or
 * close the quotes early.
 */
public final class PayloadRenderer {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final PayloadFormat format;

	private final int maxBytes;

	/**
	 * Create a renderer.
	 * @param format how to show the payload
	 * @param maxBytes most bytes to show
	 */
	public PayloadRenderer(PayloadFormat format, int maxBytes) {
		this.format = format;
		this.maxBytes = maxBytes;
	}

	/**
	 * Whether this renderer shows payloads at all.
	 * @return {@code false} for {@link PayloadFormat#NONE}
	 */
	public boolean showsPayload() {
		return this.format != PayloadFormat.NONE;
	}

	/**
	 * How many of the given bytes are left out of the rendering.
	 * @param length the payload length
	 * @return bytes not shown
	 */
	public int omitted(int length) {
		return showsPayload() ? Math.max(0, length - this.maxBytes) : length;
	}

	/**
	 * Render a payload, up to the limit.
	 * @param payload the bytes
	 * @return the rendering, quoted for text
	 */
	public String render(byte[] payload) {
		int length = Math.min(payload.length, this.maxBytes);
		return switch (this.format) {
			case TEXT -> text(payload, length);
			case HEX -> hex(payload, length);
			case NONE -> "";
		};
	}

	private static String hex(byte[] payload, int length) {
		StringBuilder builder = new StringBuilder(length * 2);
		for (int i = 0; i < length; i++) {
			appendHexDigits(builder, payload[i]);
		}
		return builder.toString();
	}

	private static String text(byte[] payload, int length) {
		StringBuilder builder = new StringBuilder(length + 2).append('"');
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(payload, 0, length);
		CharBuffer out = CharBuffer.allocate(Math.max(length, 1));
		while (in.hasRemaining()) {
			CoderResult result = decoder.decode(in, out, true);
			out.flip();
			appendEscaped(builder, out);
			out.clear();
			if (result.isError()) {
				for (int i = 0; i < result.length(); i++) {
					appendHexEscape(builder, in.get());
				}
			}
		}
		return builder.append('"').toString();
	}

	private static void appendEscaped(StringBuilder builder, CharSequence chars) {
		int i = 0;
		while (i < chars.length()) {
			int codePoint = Character.codePointAt(chars, i);
			i += Character.charCount(codePoint);
			switch (codePoint) {
				case '\r' -> builder.append("\\r");
				case '\n' -> builder.append("\\n");
				case '\t' -> builder.append("\\t");
				case '"' -> builder.append("\\\"");
				case '\\' -> builder.append("\\\\");
				default -> {
					if (isInvisibleOrBreaking(codePoint)) {
						for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
							appendHexEscape(builder, b);
						}
					}
					else {
						builder.appendCodePoint(codePoint);
					}
				}
			}
		}
	}

	/**
	 * Control characters (C0, DEL, C1), line and paragraph separators, and format
	 * characters such as bidirectional overrides: anything that could break or disguise a
	 * log line.
	 */
	private static boolean isInvisibleOrBreaking(int codePoint) {
		if (Character.isISOControl(codePoint)) {
			return true;
		}
		int type = Character.getType(codePoint);
		return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
				|| type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE;
	}

	private static void appendHexEscape(StringBuilder builder, byte b) {
		builder.append("\\x");
		appendHexDigits(builder, b);
	}

	private static void appendHexDigits(StringBuilder builder, byte b) {
		builder.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
	}

}
