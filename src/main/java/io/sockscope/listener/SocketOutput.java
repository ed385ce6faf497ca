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
		this.out.write(bytes, offset, length);
		this.bytesWritten.accept(length);
	}

}
