package io.sockscope.support;

import java.io.InputStream;
import java.util.Arrays;

import io.sockscope.framing.BufferedInput;

/**
 * One fuzz input read as a connection: a {@code max-frame-size}, how the bytes arrive,
 * and the bytes. The layout keeps seed files easy to write by hand: two bytes of limit
 * ({@code 1 + (big-endian value & 0x0fff)}, so 1 to 4096), one byte of socket read size
 * (0 for a plain stream, otherwise a stream that also offers its current read as
 * {@link BufferedInput}, as a listener's input does), then the bytes on the wire. Missing
 * header bytes read as a limit of 64 and a plain stream.
 *
 * @param maxFrameSize the limit to read with
 * @param readSize how many bytes each simulated socket read brings, or 0 for a plain
 * stream
 * @param wire the bytes the peer sends
 */
public record FuzzWire(int maxFrameSize, int readSize, byte[] wire) {

	private static final int HEADER = 3;

	public static FuzzWire of(byte[] data) {
		if (data.length < HEADER) {
			return new FuzzWire(64, 0, new byte[0]);
		}
		int max = 1 + ((((data[0] & 0xff) << 8) | (data[1] & 0xff)) & 0x0fff);
		return new FuzzWire(max, data[2] & 0xff, Arrays.copyOfRange(data, HEADER, data.length));
	}

	/**
	 * A seed file's bytes for this layout.
	 * @param maxFrameSize 1 to 4096
	 * @param readSize 0 to 255
	 * @param wire the bytes on the wire
	 * @return the seed
	 */
	public static byte[] seed(int maxFrameSize, int readSize, byte[] wire) {
		byte[] seed = new byte[HEADER + wire.length];
		seed[0] = (byte) ((maxFrameSize - 1) >> 8);
		seed[1] = (byte) (maxFrameSize - 1);
		seed[2] = (byte) readSize;
		System.arraycopy(wire, 0, seed, HEADER, wire.length);
		return seed;
	}

	/**
	 * A new stream over the wire bytes.
	 * @return the stream
	 */
	public Input input() {
		return (this.readSize == 0) ? new Input(this.wire, this.wire.length) : new Buffered(this.wire, this.readSize);
	}

	/**
	 * The bytes from one position to another.
	 * @param from the first
	 * @param to one past the last
	 * @return a copy
	 */
	public byte[] range(long from, long to) {
		return Arrays.copyOfRange(this.wire, (int) from, (int) to);
	}

	/**
	 * A stream over the wire that delivers at most one socket read at a time and records
	 * how much its reader consumed and the most it asked for in one read.
	 */
	public static class Input extends InputStream {

		final byte[] bytes;

		final int readSize;

		int position;

		private int largestRequest;

		Input(byte[] bytes, int readSize) {
			this.bytes = bytes;
			this.readSize = Math.max(1, readSize);
		}

		/**
		 * How many bytes were read.
		 * @return the count
		 */
		public int consumed() {
			return this.position;
		}

		/**
		 * The largest length passed to one {@code read(byte[], int, int)}.
		 * @return the length
		 */
		public int largestRequest() {
			return this.largestRequest;
		}

		@Override
		public int read() {
			return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			this.largestRequest = Math.max(this.largestRequest, length);
			if (length == 0) {
				return 0;
			}
			if (this.position == this.bytes.length) {
				return -1;
			}
			int count = Math.min(length, readEnd() - this.position);
			System.arraycopy(this.bytes, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		/**
		 * Where the socket read holding the next byte ends.
		 */
		int readEnd() {
			return (int) Math.min(this.bytes.length, (this.position / this.readSize + 1L) * this.readSize);
		}

	}

	/**
	 * The stream of a listener: the current socket read's bytes are buffered and may be
	 * looked at and taken directly.
	 */
	static final class Buffered extends Input implements BufferedInput {

		Buffered(byte[] bytes, int readSize) {
			super(bytes, readSize);
		}

		@Override
		public int indexOfBuffered(byte value, int maxLength) {
			int end = (int) Math.min(readEnd(), (long) this.position + maxLength);
			for (int i = this.position; i < end; i++) {
				if (this.bytes[i] == value) {
					return i - this.position;
				}
			}
			return -1;
		}

		@Override
		public byte peekBuffered(int index) {
			checkBuffered(index + 1);
			return this.bytes[this.position + index];
		}

		@Override
		public byte[] takeBuffered(int length) {
			checkBuffered(length);
			byte[] taken = Arrays.copyOfRange(this.bytes, this.position, this.position + length);
			this.position += length;
			return taken;
		}

		@Override
		public void skipBuffered(int length) {
			checkBuffered(length);
			this.position += length;
		}

		private void checkBuffered(int length) {
			if (length < 0 || this.position + length > readEnd()) {
				throw new IllegalStateException(
						"Asked for " + length + " buffered bytes, " + (readEnd() - this.position) + " are buffered");
			}
		}

	}

}
