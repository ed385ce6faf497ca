package io.sockscope.listener;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;

import io.sockscope.mode.InterimResponses;

/**
 * Buffered input of one socket that reports every chunk it reads, and lets a reader
 * answer before a request is complete (HTTP's {@code 100 Continue}). Unlike
 * {@link java.io.BufferedInputStream} it takes no lock: only the connection's own thread
 * reads from it, one byte at a time in most deserializers.
 */
final class SocketInput extends InputStream implements InterimResponses {

	private final InputStream socketInput;

	private final IntConsumer bytesRead;

	private final InterimResponses interim;

	private final byte[] buffer;

	private int position;

	private int limit;

	SocketInput(InputStream socketInput, int bufferSize, IntConsumer bytesRead, InterimResponses interim) {
		this.socketInput = socketInput;
		this.bytesRead = bytesRead;
		this.interim = interim;
		this.buffer = new byte[bufferSize];
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
		int count = this.socketInput.read(target, offset, length);
		if (count > 0) {
			this.bytesRead.accept(count);
		}
		return count;
	}

	private boolean fill() throws IOException {
		int count = this.socketInput.read(this.buffer, 0, this.buffer.length);
		if (count <= 0) {
			return false;
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

}
