package io.sockscope.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain blocking socket client for tests, with a read timeout so that a missing reply
 * fails the test instead of hanging it.
 */
public final class TcpClient implements Closeable {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private TcpClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	public static TcpClient connect(int port) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			return new TcpClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Socket socket() {
		return this.socket;
	}

	public TcpClient send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	public TcpClient send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public TcpClient halfClose() {
		try {
			this.socket.shutdownOutput();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read exactly {@code count} bytes.
	 */
	public byte[] read(int count) {
		try {
			return this.in.readNBytes(count);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read exactly as many bytes as {@code expected} has, as UTF-8 text.
	 */
	public String readText(String expected) {
		return new String(read(expected.getBytes(StandardCharsets.UTF_8).length), StandardCharsets.UTF_8);
	}

	/**
	 * Read until the server closes the connection.
	 */
	public byte[] readToEnd() {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			this.in.transferTo(bytes);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
