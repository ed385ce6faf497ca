package io.sockscope.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * A client connection that reads through a buffer; Spring Integration's Net connection
 * reads the socket directly, one system call per byte for delimiter framings. A read
 * failure is reported once, through the gateway, not also logged.
 */
final class BufferedClientConnection extends TcpNetConnection {

	private final Socket socket;

	private @Nullable InputStream input;

	BufferedClientConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		super(socket, server, lookupHost, publisher, factoryName);
		this.socket = socket;
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		// the gateway reports the failure to whoever waits for the reply; a log line here
		// would only repeat it, at ERROR
		setNoReadErrorOnClose(true);
		return super.handleReadException(exception);
	}

	@Override
	protected InputStream inputStream() throws IOException {
		InputStream in = this.input;
		if (in == null) {
			in = new BufferedInputStream(this.socket.getInputStream());
			this.input = in;
		}
		return in;
	}

}
