package io.sockscope.listener;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.IntConsumer;

import io.sockscope.framing.BufferedInput;
import io.sockscope.mode.InterimResponses;

/**
 * Buffered input of one socket that reports every chunk it reads, runs a hook before it
 * would block on the socket (the connection flushes replies it held back while more
 * frames were buffered), and lets a reader answer before a request is complete (HTTP's
 * {@code 100 Continue}). The buffer starts small, so an idle connection costs little,
 * and grows when reads fill it. Unlike
 * {@link java.io.BufferedInputStream} it takes no lock: only the connection's own thread
 * reads from it, one byte at a time in most deserializers.
 */
final class SocketInput extends InputStream implements InterimResponses, BufferedInput {

	private final InputStream socketInput;

	private final IntConsumer bytesRead;

	private final InterimResponses interim;

	private final int maxBufferSize;

	private final IoAction beforeSocketRead;

	private byte[] buffer;

	private int position;

	private int limit;

	SocketInput(InputStream socketInput, int initialBufferSize, int maxBufferSize, IntConsumer bytesRead,
			IoAction beforeSocketRead, InterimResponses interim) {
		this.socketInput = socketInput;
		this.bytesRead = bytesRead;
		this.beforeSocketRead = beforeSocketRead;
		this.interim = interim;
		this.buffer = new byte[initialBufferSize];
		this.maxBufferSize = maxBufferSize;
	}

	/**
	 * Whether bytes are buffered that have not been read yet.
	 * @return {@code true} if a read would not touch the socket
	 */
	boolean hasBuffered() {
		return this.position < this.limit;
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
		int buffered = this.limit - this.position;
		if (buffered == 0) {
			if (length >= this.buffer.length) {
				return readDirectly(target, offset, length);
			}
			if (!fill()) {
				return -1;
			}
			buffered = this.limit - this.position;
		}
		int count = Math.min(buffered, length);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	private int readDirectly(byte[] target, int offset, int length) throws IOException {
		this.beforeSocketRead.run();
		int count = this.socketInput.read(target, offset, length);
		if (count > 0) {
			this.bytesRead.accept(count);
		}
		return count;
	}

	private boolean fill() throws IOException {
		this.beforeSocketRead.run();
		int count = this.socketInput.read(this.buffer, 0, this.buffer.length);
		if (count <= 0) {
			return false;
		}
		if (count == this.buffer.length && this.buffer.length < this.maxBufferSize) {
			// a full read: more is likely waiting, read it in larger chunks from now on
			byte[] larger = new byte[Math.min(this.maxBufferSize, this.buffer.length * 4)];
			System.arraycopy(this.buffer, 0, larger, 0, count);
			this.buffer = larger;
		}
		this.position = 0;
		this.limit = count;
		this.bytesRead.accept(count);
		return true;
	}

	@Override
	public void sendInterim(byte[] bytes) throws IOException {
		this.interim.sendInterim(bytes);
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.socketInput.available();
	}

	@Override
	public void close() throws IOException {
		this.socketInput.close();
	}

	/**
	 * An action on the connection that may fail with an {@link IOException}.
	 */
	@FunctionalInterface
	interface IoAction {

		void run() throws IOException;

	}

}
