package io.sockscope.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.sockscope.framing.BufferedInput;

/**
 * Buffered input of an upstream connection that knows where the last frame read ended:
 * whether anything came after it. Spring Integration's Net connection reads the socket
 * directly, one system call per byte for delimiter framings; this reads in chunks and
 * lets delimiter codecs find a buffered frame with one scan.
 * <p>
 * Only the connection's reading thread reads from it. Another thread may ask
 * {@link #atFrameEnd()}: the two counters it compares are written by the reading thread
 * only, {@code filled} only ever grows, and a reading thread that has taken one byte past
 * the last frame's end from the socket has counted it.
 */
final class UpstreamInput extends InputStream implements BufferedInput {

	private static final int BUFFER_SIZE = 8192;

	private final InputStream socketInput;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private int limit;

	/**
	 * Bytes read from the socket so far.
	 */
	private volatile long filled;

	/**
	 * Bytes taken by the codec when the last frame ended.
	 */
	private volatile long frameEnd;

	UpstreamInput(InputStream socketInput) {
		this.socketInput = socketInput;
	}

	/**
	 * Note that the codec has just read a whole frame.
	 */
	void frameEnded() {
		this.frameEnd = this.filled - (this.limit - this.position);
	}

	/**
	 * Whether nothing was read from the socket after the last frame: no byte of another
	 * frame is buffered or being decoded. Any thread may ask.
	 * @return {@code true} if the input stands at the end of the last frame
	 */
	boolean atFrameEnd() {
		return this.filled == this.frameEnd;
	}

	/**
	 * How many bytes were read from the socket after the last frame.
	 * @return the count
	 */
	long sinceFrameEnd() {
		return this.filled - this.frameEnd;
	}

	/**
	 * Whether bytes past the last frame are buffered or waiting in the socket. Only the
	 * reading thread may ask.
	 * @return {@code true} if more input is there already
	 */
	boolean hasMore() throws IOException {
		return this.position < this.limit || this.socketInput.available() > 0;
	}

	@Override
	public int indexOfBuffered(byte value, int maxLength) {
		int end = this.position + Math.min(maxLength, this.limit - this.position);
		for (int i = this.position; i < end; i++) {
			if (this.buffer[i] == value) {
				return i - this.position;
			}
		}
		return -1;
	}

	@Override
	public byte peekBuffered(int index) {
		return this.buffer[this.position + index];
	}

	@Override
	public byte[] takeBuffered(int length) {
		byte[] taken = Arrays.copyOfRange(this.buffer, this.position, this.position + length);
		this.position += length;
		return taken;
	}

	@Override
	public void skipBuffered(int length) {
		this.position += length;
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		int count = Math.min(this.limit - this.position, length);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	private boolean fill() throws IOException {
		int count = this.socketInput.read(this.buffer, 0, this.buffer.length);
		if (count <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = count;
		this.filled += count;
		return true;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.socketInput.available();
	}

	@Override
	public void close() throws IOException {
		this.socketInput.close();
	}

}
