package io.sockscope.listener;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameDecodeException;
import io.sockscope.framing.FrameTooLargeException;
import io.sockscope.framing.Received;
import io.sockscope.inspect.ConnectionLabel;
import io.sockscope.inspect.Direction;
import io.sockscope.metrics.CloseReason;
import io.sockscope.metrics.ErrorKind;
import io.sockscope.mode.HttpRequestException;
import io.sockscope.mode.Reply;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;

/**
 * One client connection of a listener. Spring Integration's Net connection reads frames
 * and hands them to the inbound gateway on this connection's own thread; this subclass
 * adds what a listener needs around that loop: buffered, counted input and output, the
 * inspection log, metrics, and a close reason for every way a connection can end.
 */
final class ListenerConnection extends TcpNetConnection {

	private static final int INITIAL_INPUT_BUFFER_SIZE = 256;

	private static final int MAX_INPUT_BUFFER_SIZE = 16384;

	private static final int OUTPUT_BUFFER_SIZE = 8192;

	/**
	 * After an error frame, how long and how much of the client's input to discard before
	 * closing, so that the close is a FIN the client can read the error before, not a
	 * reset that destroys it.
	 */
	private static final int DRAIN_MILLIS = 250;

	private static final int DRAIN_BYTES = 256 * 1024;

	private final Socket socket;

	private final ListenerConnectionFactory listener;

	private final ConnectionLabel label;

	private final boolean overLimit;

	private final FrameHeaders frameHeaders;

	private final long openedAt = System.nanoTime();

	private final Lock sendLock = new ReentrantLock();

	private final AtomicReference<@Nullable CloseReason> closeReason = new AtomicReference<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile long received;

	private volatile long sent;

	/**
	 * When bytes last crossed the socket, either way ({@link System#nanoTime()}).
	 */
	private volatile long lastTrafficAt = this.openedAt;

	private @Nullable SocketInput input;

	private @Nullable OutputStream output;

	/**
	 * When the last read from the socket returned ({@link System#nanoTime()}): for the
	 * frame being handled, when its last bytes arrived, since a connection reads again only
	 * after its reply is written.
	 */
	private long lastReadAt;

	/**
	 * Whether replies were written without a flush because more frames were already
	 * buffered: they go out together, before the connection next waits for the client.
	 */
	private boolean repliesHeld;

	/**
	 * Whether a frame is being handled: read, and its reply not yet written.
	 */
	private volatile boolean busy;

	ListenerConnection(Socket socket, ListenerConnectionFactory listener, long id, boolean overLimit,
			@Nullable ApplicationEventPublisher publisher) {
		super(socket, true, false, publisher, listener.getComponentName());
		this.socket = socket;
		this.listener = listener;
		this.label = new ConnectionLabel(listener.listenerName(), id, peer(socket));
		this.overLimit = overLimit;
		this.frameHeaders = FrameHeaders.of(getConnectionId());
		listener.recorder().connectionOpened();
		listener.inspection().opened(this.label);
	}

	private static String peer(Socket socket) {
		String host = socket.getInetAddress().getHostAddress();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + socket.getPort();
	}

	/**
	 * The headers of every frame message of this connection.
	 * @return the headers
	 */
	FrameHeaders frameHeaders() {
		return this.frameHeaders;
	}

	@Override
	public void run() {
		if (this.overLimit) {
			this.listener.recorder().error(ErrorKind.LIMIT);
			String detail = "listener already has max-connections=" + this.listener.maxConnections() + " open";
			this.listener.inspection().problem(this.label, ErrorKind.LIMIT.tagValue(), detail);
			this.closeReason.compareAndSet(null, CloseReason.LIMIT);
			writeQuietly(errorFrame(detail));
			close();
			return;
		}
		try {
			super.run();
		}
		finally {
			// on this thread, so that no frame of the connection is still being handled
			this.listener.connectionEnded(this);
		}
	}

	@Override
	protected InputStream inputStream() throws IOException {
		SocketInput in = this.input;
		if (in == null) {
			in = new SocketInput(this.socket.getInputStream(), INITIAL_INPUT_BUFFER_SIZE, MAX_INPUT_BUFFER_SIZE,
					this::countReceived, this::flushHeldReplies, this::sendInterim);
			this.input = in;
		}
		return in;
	}

	@Override
	public Object getPayload() {
		this.busy = false;
		if (this.closed.get()) {
			// closed while frames were still buffered, such as a client gone before its reply
			throw new SoftEndOfStreamException("Connection closed");
		}
		if (this.listener.isDraining()) {
			closeFor(CloseReason.SHUTDOWN);
			throw new SoftEndOfStreamException("Listener is shutting down");
		}
		Received received = (Received) super.getPayload();
		this.busy = true;
		this.listener.recorder().frameReceived(received.payload().length);
		this.listener.inspection().frame(this.label, Direction.IN, received.payload());
		return received;
	}

	@Override
	public void send(Message<?> message) {
		Reply reply = (Reply) message.getPayload();
		CloseReason closeAfter = reply.closeAfter();
		if (closeAfter == null && this.listener.codec().endsAtEndOfStream()) {
			closeAfter = CloseReason.CLIENT;
		}
		this.sendLock.lock();
		try {
			SocketInput in = this.input;
			boolean moreBuffered = closeAfter == null && in != null && in.hasBuffered();
			write(reply, !moreBuffered);
			this.listener.recorder().frameHandled(System.nanoTime() - this.lastReadAt);
		}
		catch (IOException ex) {
			// the client went away before its reply: an ordinary end, not a server error
			closeFor(CloseReason.CLIENT);
			return;
		}
		finally {
			this.sendLock.unlock();
		}
		if (closeAfter != null) {
			closeFor(closeAfter);
		}
	}

	/**
	 * Write a reply, and flush it unless told to hold it back.
	 */
	private void write(Reply reply, boolean flush) throws IOException {
		OutputStream out = output();
		byte[] payload;
		if (reply instanceof Reply.Framed framed) {
			payload = framed.frame().payload();
			this.listener.codec().serialize(framed.frame(), out);
		}
		else {
			payload = ((Reply.Verbatim) reply).bytes();
			out.write(payload);
		}
		if (flush) {
			out.flush();
			this.repliesHeld = false;
		}
		else {
			this.repliesHeld = true;
		}
		this.listener.recorder().frameSent(payload.length);
		this.listener.inspection().frame(this.label, Direction.OUT, payload);
	}

	private void flushHeldReplies() throws IOException {
		if (!this.repliesHeld) {
			return;
		}
		this.sendLock.lock();
		try {
			OutputStream out = output();
			out.flush();
			this.repliesHeld = false;
		}
		finally {
			this.sendLock.unlock();
		}
	}

	private void sendInterim(byte[] bytes) throws IOException {
		this.sendLock.lock();
		try {
			OutputStream out = output();
			out.write(bytes);
			out.flush();
		}
		finally {
			this.sendLock.unlock();
		}
	}

	private OutputStream output() throws IOException {
		OutputStream out = this.output;
		if (out == null) {
			out = new BufferedOutputStream(new SocketOutput(this.socket.getOutputStream(), this::countSent),
					OUTPUT_BUFFER_SIZE);
			this.output = out;
		}
		return out;
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
		if (cause instanceof HttpRequestException invalid) {
			reject(invalid.getKind(), invalid.getMessage(), new Reply.Verbatim(invalid.response(), CloseReason.ERROR));
		}
		else if (cause instanceof FrameTooLargeException tooLarge) {
			rejectFrame(ErrorKind.OVERSIZE, tooLarge.getMessage());
		}
		else if (cause instanceof FrameDecodeException invalid) {
			rejectFrame(ErrorKind.DECODE, invalid.getMessage());
		}
		else if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException
				|| cause instanceof IOException) {
			this.closeReason.compareAndSet(null, CloseReason.CLIENT);
		}
		else {
			this.closeReason.compareAndSet(null, CloseReason.ERROR);
		}
		// every case above is an ordinary end of a connection: keep Spring Integration from
		// logging it as a read error
		setNoReadErrorOnClose(true);
		return super.handleReadException(exception);
	}

	/**
	 * Answer a frame that cannot be handled with one error frame in the listener's
	 * framing, count it and mark the connection to close.
	 */
	private void rejectFrame(ErrorKind kind, String detail) {
		reject(kind, detail, errorFrame(detail));
	}

	private void reject(ErrorKind kind, String detail, Reply answer) {
		this.listener.recorder().error(kind);
		this.listener.inspection().problem(this.label, kind.tagValue(), detail);
		this.closeReason.compareAndSet(null, CloseReason.ERROR);
		if (writeQuietly(answer)) {
			drainInput();
		}
	}

	private static Reply errorFrame(String detail) {
		return Reply.of(Frame.of("error: " + detail));
	}

	/**
	 * Write a reply the connection is closing after anyway.
	 * @return whether it was written
	 */
	private boolean writeQuietly(Reply reply) {
		this.sendLock.lock();
		try {
			write(reply, true);
			return true;
		}
		catch (IOException ex) {
			// the client is gone already; the connection closes either way
			return false;
		}
		finally {
			this.sendLock.unlock();
		}
	}

	private void drainInput() {
		try {
			this.socket.shutdownOutput();
			this.socket.setSoTimeout(DRAIN_MILLIS);
			InputStream in = inputStream();
			long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
			byte[] discard = new byte[8192];
			int drained = 0;
			while (drained < DRAIN_BYTES && System.nanoTime() < deadline) {
				int read = in.read(discard);
				if (read < 0) {
					break;
				}
				drained += read;
			}
		}
		catch (IOException ex) {
			// timed out or reset: either way the client has had its chance to read
		}
	}

	/**
	 * Close this connection now if it is waiting for a frame; one handling a frame
	 * closes once its reply is written.
	 */
	void closeIfIdle() {
		if (!this.busy) {
			closeFor(CloseReason.SHUTDOWN);
		}
	}

	/**
	 * Close this connection as idle if it is waiting for a frame and no bytes have crossed
	 * it for the given time.
	 * @param now the time now ({@link System#nanoTime()})
	 * @param idleNanos the idle timeout
	 */
	void closeIfSilent(long now, long idleNanos) {
		if (!this.busy && now - this.lastTrafficAt >= idleNanos) {
			closeFor(CloseReason.IDLE);
		}
	}

	/**
	 * Close this connection for the given reason, unless it is already closing for another.
	 * @param reason why
	 */
	void closeFor(CloseReason reason) {
		this.closeReason.compareAndSet(null, reason);
		close();
	}

	@Override
	public void close() {
		// a close nobody gave a reason for comes from the factory stopping
		this.closeReason.compareAndSet(null, CloseReason.SHUTDOWN);
		if (!this.closed.get()) {
			try {
				flushHeldReplies();
			}
			catch (IOException ex) {
				// the client is gone; nothing left to deliver
			}
		}
		super.close();
		if (this.closed.compareAndSet(false, true)) {
			CloseReason reason = this.closeReason.get();
			this.listener.connectionClosed(this);
			this.listener.recorder().connectionClosed(reason);
			this.listener.inspection().closed(this.label, reason.tagValue(),
					Duration.ofNanos(System.nanoTime() - this.openedAt), this.received, this.sent);
		}
	}

	private void countReceived(int count) {
		long now = System.nanoTime();
		this.lastReadAt = now;
		this.lastTrafficAt = now;
		this.received += count;
		this.listener.recorder().bytesReceived(count);
	}

	private void countSent(int count) {
		this.lastTrafficAt = System.nanoTime();
		this.sent += count;
		this.listener.recorder().bytesSent(count);
	}

}
