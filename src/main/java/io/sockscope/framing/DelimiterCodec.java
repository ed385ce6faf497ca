package io.sockscope.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Frames that end at a delimiter: a line feed, CRLF or a NUL byte. In {@code line} mode
 * the delimiter is a line feed with an optional carriage return before it, and a reply is
 * ended the way the client ended its frame (CRLF for telnet, LF for netcat).
 */
final class DelimiterCodec extends FrameCodec {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final int INITIAL_BUFFER_SIZE = 128;

	private static final int NO_BYTE = -1;

	private static final byte[] LF_ONLY = { LF };

	private static final byte[] CR_LF = { CR, LF };

	private final byte[] delimiter;

	private final boolean optionalCarriageReturn;

	private final byte last;

	private final String delimiterName;

	private DelimiterCodec(int maxFrameSize, byte[] delimiter, boolean optionalCarriageReturn, String delimiterName) {
		super(maxFrameSize);
		if (delimiter.length < 1 || delimiter.length > 2) {
			throw new IllegalArgumentException("A delimiter is one or two bytes");
		}
		this.delimiter = delimiter;
		this.optionalCarriageReturn = optionalCarriageReturn;
		this.last = delimiter[delimiter.length - 1];
		this.delimiterName = delimiterName;
	}

	static DelimiterCodec line(int maxFrameSize) {
		return new DelimiterCodec(maxFrameSize, new byte[] { LF }, true, "a line terminator");
	}

	static DelimiterCodec crlf(int maxFrameSize) {
		return new DelimiterCodec(maxFrameSize, new byte[] { CR, LF }, false, "a line terminator");
	}

	static DelimiterCodec lf(int maxFrameSize) {
		return new DelimiterCodec(maxFrameSize, new byte[] { LF }, false, "a line terminator");
	}

	static DelimiterCodec nul(int maxFrameSize) {
		return new DelimiterCodec(maxFrameSize, new byte[] { 0 }, false, "a NUL byte");
	}

	@Override
	public Frame deserialize(InputStream inputStream) throws IOException {
		int max = getMaxFrameSize();
		// room for the largest payload plus the longest terminator this codec can meet
		long holdable = (long) max + (this.optionalCarriageReturn ? 2 : this.delimiter.length);
		int limit = (int) Math.min(holdable, Integer.MAX_VALUE - 8);
		if (inputStream instanceof BufferedInput buffered) {
			int index = buffered.indexOfBuffered(this.last, limit);
			if (index < 0) {
				buffered.noFrameBuffered(limit);
			}
			else {
				Frame frame = takeBufferedFrame(buffered, index);
				if (frame != null) {
					return frame;
				}
			}
		}
		byte[] buffer = new byte[Math.min(INITIAL_BUFFER_SIZE, limit)];
		int count = 0;
		while (true) {
			int next = inputStream.read();
			if (next < 0) {
				if (count == 0) {
					throw endOfStream();
				}
				throw endOfStreamInFrame(count);
			}
			if (count == buffer.length) {
				buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * count));
			}
			buffer[count++] = (byte) next;
			if (next == (this.last & 0xff)) {
				int terminatorLength = terminatorLength((count > 1) ? buffer[count - 2] & 0xff : NO_BYTE);
				if (terminatorLength > 0) {
					int payloadLength = count - terminatorLength;
					if (payloadLength > max) {
						throw new FrameTooLargeException(max, payloadLength);
					}
					return new Frame(Arrays.copyOf(buffer, payloadLength), terminator(terminatorLength));
				}
			}
			if (count == limit) {
				throw new FrameTooLargeException(max, -1);
			}
		}
	}

	/**
	 * The frame at the head of the buffered bytes, given where the delimiter's last byte
	 * first occurs among them, if it ends the frame there; otherwise {@code null} and
	 * nothing is read.
	 */
	private @Nullable Frame takeBufferedFrame(BufferedInput buffered, int index) {
		int count = index + 1;
		int terminatorLength = terminatorLength((count > 1) ? buffered.peekBuffered(count - 2) & 0xff : NO_BYTE);
		// the last byte of a longer delimiter without the rest, or a payload over the
		// limit: the byte loop reads these and reports them
		if (terminatorLength == 0 || count - terminatorLength > getMaxFrameSize()) {
			return null;
		}
		byte[] payload = buffered.takeBuffered(count - terminatorLength);
		buffered.skipBuffered(terminatorLength);
		return new Frame(payload, terminator(terminatorLength));
	}

	/**
	 * The terminator a frame read ended with; shared arrays, since a frame's terminator
	 * is only ever written out.
	 */
	private byte[] terminator(int length) {
		if (this.optionalCarriageReturn) {
			return (length == 2) ? CR_LF : LF_ONLY;
		}
		return this.delimiter;
	}

	/**
	 * How many of a frame's last bytes are its terminator, given that the last one is the
	 * delimiter's last byte: every delimiter here is one or two bytes, so the byte before
	 * it decides.
	 * @param previous the byte before the last, 0-255, or {@link #NO_BYTE}
	 * @return the terminator's length, or 0 if these bytes do not end a frame
	 */
	private int terminatorLength(int previous) {
		if (this.optionalCarriageReturn) {
			return (previous == CR) ? 2 : 1;
		}
		if (this.delimiter.length == 1) {
			return 1;
		}
		return (previous == (this.delimiter[0] & 0xff)) ? 2 : 0;
	}

	@Override
	public @Nullable String whyCannotCarry(byte[] payload) {
		if (indexOfDelimiter(payload) >= 0) {
			return "it contains " + this.delimiterName;
		}
		// line framing reads a carriage return before the line feed as part of the
		// terminator, so the peer would read the payload without it
		if (this.optionalCarriageReturn && payload.length > 0 && payload[payload.length - 1] == CR) {
			return "it ends with a carriage return";
		}
		return null;
	}

	private int indexOfDelimiter(byte[] payload) {
		int length = this.delimiter.length;
		for (int i = 0; i + length <= payload.length; i++) {
			if (payload[i] == this.delimiter[0] && (length == 1 || payload[i + 1] == this.delimiter[1])) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void serialize(Frame frame, OutputStream outputStream) throws IOException {
		outputStream.write(frame.payload());
		outputStream
			.write((this.optionalCarriageReturn && frame.hasTerminator()) ? frame.terminator() : this.delimiter);
	}

}
