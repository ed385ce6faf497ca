package io.sockscope.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that gets echo wrong on purpose, one platform thread per connection.
 */
final class MisbehavingServer implements Closeable {

	private final ServerSocket serverSocket;

	private final boolean replies;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private MisbehavingServer(boolean replies) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.replies = replies;
		Thread acceptor = new Thread(this::accept, "misbehaving-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A server that echoes every byte, with letters in upper case.
	 */
	static MisbehavingServer uppercasing() throws IOException {
		return new MisbehavingServer(true);
	}

	/**
	 * A server that reads everything and never answers.
	 */
	static MisbehavingServer silent() throws IOException {
		return new MisbehavingServer(false);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				Thread handler = new Thread(() -> serve(socket), "misbehaving-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			byte[] buffer = new byte[8192];
			int count;
			while ((count = in.read(buffer)) >= 0) {
				if (this.replies) {
					for (int i = 0; i < count; i++) {
						buffer[i] = (byte) Character.toUpperCase(buffer[i]);
					}
					out.write(buffer, 0, count);
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
