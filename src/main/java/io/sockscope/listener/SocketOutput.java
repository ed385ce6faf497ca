package io.sockscope.listener;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntConsumer;

/**
 * Output of one socket that reports every chunk written to it; sits under a buffer, so
 * it sees what really goes to the socket.
 */
final class SocketOutput extends FilterOutputStream {

	private static final int CHUNK = 64 * 1024;

	private final IntConsumer bytesWritten;

	SocketOutput(OutputStream socketOutput, IntConsumer bytesWritten) {
		super(socketOutput);
		this.bytesWritten = bytesWritten;
	}

	@Override
	public void write(int b) throws IOException {
		this.out.write(b);
		this.bytesWritten.accept(1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		// in chunks, so that a large write blocked on a slow reader is counted as it goes
		int written = 0;
		while (written < length) {
			int chunk = Math.min(CHUNK, length - written);
			this.out.write(bytes, offset + written, chunk);
			this.bytesWritten.accept(chunk);
			written += chunk;
		}
	}

}
