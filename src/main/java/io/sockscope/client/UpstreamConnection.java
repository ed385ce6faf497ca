package io.sockscope.client;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A connection to an upstream that carries one request and then exactly one reply at a
 * time, and knows whether it is still clean: open, with no request waiting, and nothing
 * read or waiting to be read after the last reply. Whatever else the upstream sends, a
 * second reply or one that comes after its request gave up, is never handed to anyone: it
 * is reported to the {@link UpstreamStrays} and the connection closes, so that it can
 * never answer the next request.
 * <p>
 * It reads through a buffer ({@link UpstreamInput}); a read failure is reported once,
 * through the gateway, not also logged.
 */
final class UpstreamConnection extends TcpNetConnection {

	private static final int OUTPUT_BUFFER_SIZE = 8192;

	private final Socket socket;

	private final UpstreamStrays strays;

	private final AtomicBoolean awaitingReply = new AtomicBoolean();

	/**
	 * Whether the upstream sent more than was asked for; such a connection is closed.
	 */
	private volatile boolean spoilt;

	/**
	 * Whether the connection's one frame has been read, on a framing that ends it with
	 * the stream.
	 */
	private boolean ended;

	/**
	 * Made by the reading thread; asked by others whether it stands at a frame's end.
	 */
	private volatile @Nullable UpstreamInput input;

	private final Lock sendLock = new ReentrantLock();

	private @Nullable OutputStream output;

	private UpstreamConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName, UpstreamStrays strays) {
		super(socket, server, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.strays = strays;
	}

	/**
	 * Creates upstream connections for a connection factory.
	 * @param strays where what the upstream sends unasked goes
	 * @return the connection support
	 */
	static TcpNetConnectionSupport support(UpstreamStrays strays) {
		return (socket, server, lookupHost, publisher, factoryName) -> new UpstreamConnection(socket, server,
				lookupHost, publisher, factoryName, strays);
	}

	/**
	 * Whether this connection may carry the next request: it is open, nothing went wrong
	 * on it, no request waits for a reply, and nothing has arrived since the last reply.
	 * Any thread may ask.
	 * @return {@code true} if it is clean
	 */
	boolean isClean() {
		if (!isOpen() || this.spoilt || this.awaitingReply.get()) {
			return false;
		}
		try {
			// the socket first, then the buffer: bytes only ever move from one to the
			// other
			if (this.socket.getInputStream().available() > 0) {
				return false;
			}
		}
		catch (IOException ex) {
			return false;
		}
		UpstreamInput in = this.input;
		return in == null || in.atFrameEnd();
	}

	/**
	 * Write a request. Spring Integration's Net connection buffers its output in an array
	 * the size of the socket's send buffer, about 2 MB on Linux: for a connection per
	 * client, this one buffers 8 KB like a listener connection.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		// before the request leaves, since the reply may come back before send returns
		this.awaitingReply.set(true);
		this.sendLock.lock();
		try {
			OutputStream out = this.output;
			if (out == null) {
				out = new BufferedOutputStream(this.socket.getOutputStream(), OUTPUT_BUFFER_SIZE);
				this.output = out;
			}
			Object request = getMapper().fromMessage(message);
			((Serializer<Object>) getSerializer()).serialize(Objects.requireNonNull(request), out);
			out.flush();
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.sendLock.unlock();
		}
	}

	@Override
	public Object getPayload() {
		if (this.ended) {
			throw new SoftEndOfStreamException("The upstream's stream ended with its reply");
		}
		Object payload = super.getPayload();
		UpstreamInput in = (UpstreamInput) inputStream();
		in.frameEnded();
		if (!this.awaitingReply.compareAndSet(true, false)) {
			this.spoilt = true;
			this.strays.unsolicitedFrame((Frame) payload);
			// not a soft end: a request sent meanwhile must fail now, not at its timeout
			throw new UncheckedIOException(new IOException("Unsolicited frame from the upstream"));
		}
		this.ended = getDeserializer() instanceof FrameCodec codec && codec.endsAtEndOfStream();
		try {
			if (!this.ended && in.hasMore()) {
				// more than the reply has come: whatever it is, it must not answer the
				// next request, so this connection carries none
				this.spoilt = true;
			}
		}
		catch (IOException ex) {
			this.spoilt = true;
		}
		return payload;
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		// the gateway reports the failure to whoever waits for the reply; a log line here
		// would only repeat it, at ERROR
		setNoReadErrorOnClose(true);
		Throwable cause = (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
		boolean awaiting = this.awaitingReply.get();
		UpstreamInput in = this.input;
		if (!awaiting && in != null && in.sinceFrameEnd() > 0) {
			this.strays.unfinishedFrame(in.sinceFrameEnd());
		}
		if (awaiting && cause instanceof SoftEndOfStreamException) {
			// an upstream that closes instead of replying fails the exchange now, not at
			// its timeout: a soft end of stream is not passed on to the gateway
			return super.handleReadException(new EOFException("The upstream closed the connection without replying"));
		}
		return super.handleReadException(exception);
	}

	@Override
	protected InputStream inputStream() {
		UpstreamInput in = this.input;
		if (in == null) {
			try {
				in = new UpstreamInput(this.socket.getInputStream());
			}
			catch (IOException ex) {
				throw new SoftEndOfStreamException("Socket closed when getting input stream", ex);
			}
			this.input = in;
		}
		return in;
	}

}
