package io.sockscope.listener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ConnectionLabel;
import io.sockscope.connection.ConnectionObserver;
import io.sockscope.framing.Received;
import io.sockscope.mode.InterimResponses;
import io.sockscope.mode.Reply;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * One client connection of a listener as Spring Integration sees it: a
 * {@link TcpConnectionSupport} over a Netty channel. {@link FrameReader} hands it each
 * frame, which it passes to the listener's inbound gateway through the factory's message
 * mapper; the gateway sends the flow's reply back through {@link #send}, which writes it
 * with the factory's serializer. It also keeps the connection's totals and the reason it
 * closes for, and tells the listener's observer when it opens and closes.
 */
final class ChannelConnection extends TcpConnectionSupport implements InterimResponses {

	private final Channel channel;

	/**
	 * What the buffer collecting a read's replies starts at.
	 */
	private static final int BATCH_SIZE = 1024;

	private final ListenerConnectionFactory listener;

	private final ConnectionObserver observer;

	private final ConnectionLabel label;

	private final String connectionId;

	private final FrameHeaders frameHeaders;

	private final long openedAt = System.nanoTime();

	private final AtomicReference<@Nullable CloseReason> closeReason = new AtomicReference<>();

	private @Nullable Received payload;

	/**
	 * When the read that completed the frame being handled returned
	 * ({@link System#nanoTime()}); the last read, for the idle timeout.
	 */
	private volatile long frameReadAt = this.openedAt;

	/**
	 * Whether a frame is with a worker: not idle, whatever the clock says.
	 */
	private volatile boolean busy;

	/**
	 * What the timeouts' sweep saw last: replies waiting, in bytes, and when they last
	 * shrank. Only the sweep reads and writes these.
	 */
	private long pendingSeen;

	private long progressSeenAt = this.openedAt;

	/**
	 * Replies written on the event loop and not yet flushed: the reader flushes them once
	 * it has handled every frame the last read completed.
	 */
	private @Nullable ByteBuf unflushed;

	private final int overLimit;

	private long received;

	private long sent;

	ChannelConnection(Channel channel, ListenerConnectionFactory listener, long number, int overLimit,
			@Nullable ApplicationEventPublisher publisher) {
		super(publisher);
		this.overLimit = overLimit;
		this.channel = channel;
		this.listener = listener;
		this.observer = listener.observer();
		this.label = new ConnectionLabel(listener.listenerName(), number, peer(channel.remoteAddress()));
		this.connectionId = listener.listenerName() + ":" + number;
		this.frameHeaders = FrameHeaders.of(this.connectionId);
	}

	private static String peer(@Nullable SocketAddress address) {
		if (!(address instanceof InetSocketAddress inet)) {
			return String.valueOf(address);
		}
		String host = inet.getAddress().getHostAddress();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
	}

	ConnectionLabel label() {
		return this.label;
	}

	ConnectionObserver observer() {
		return this.observer;
	}

	Channel channel() {
		return this.channel;
	}

	/**
	 * The headers of every frame message of this connection.
	 * @return the headers
	 */
	FrameHeaders frameHeaders() {
		return this.frameHeaders;
	}

	void opened() {
		this.observer.opened(this.label);
		publishConnectionOpenEvent();
	}

	void bytesReceived(int count, long now) {
		this.received += count;
		this.frameReadAt = now;
		this.observer.bytesReceived(this.label, count);
	}

	/**
	 * Hand one frame to the listener's inbound gateway, on the calling thread; the reply,
	 * if the mode makes one, is written before this returns.
	 * @param frame the frame
	 */
	void handle(Received frame) {
		this.observer.frameReceived(this.label, frame.payload());
		TcpListener gateway = getListener();
		if (gateway == null) {
			return;
		}
		this.payload = frame;
		Message<?> message = getMapper().toMessage(this);
		if (message != null) {
			gateway.onMessage(message);
		}
	}

	/**
	 * The frame being handed to the gateway, for the message mapper.
	 */
	@Override
	public @Nullable Object getPayload() {
		Received taken = this.payload;
		this.payload = null;
		return taken;
	}

	/**
	 * Write the flow's reply with the factory's serializer. On the channel's event loop
	 * the reply waits for the reader's flush, so that replies to frames read together
	 * leave together; from a worker it is flushed at once.
	 */
	@Override
	public void send(Message<?> message) {
		Object mapped = getMapper().fromMessage(message);
		if (!(mapped instanceof Reply reply)) {
			return;
		}
		write(reply, this.frameReadAt, !this.channel.eventLoop().inEventLoop());
		CloseReason closeAfter = reply.closeAfter();
		if (closeAfter == null && ((ReplySerializer) getSerializer()).closesAfterReply()) {
			closeAfter = CloseReason.CLIENT;
		}
		if (closeAfter != null) {
			closeAfterWrites(closeAfter);
		}
	}

	/**
	 * Write an error frame of the server's own, and flush it.
	 * @param reply the error frame or response
	 */
	void sendNow(Reply reply) {
		write(reply, -1, true);
	}

	@SuppressWarnings("unchecked")
	private void write(Reply reply, long answeredReadAt, boolean flush) {
		if (!this.channel.isActive()) {
			return;
		}
		ByteBuf bytes = flush ? this.channel.alloc().ioBuffer(ReplySerializer.sizeHint(reply)) : batch(reply);
		int before = bytes.writerIndex();
		try {
			((Serializer<Reply>) getSerializer()).serialize(reply, new ByteBufOutputStream(bytes));
		}
		catch (IOException | RuntimeException ex) {
			bytes.writerIndex(before);
			if (flush) {
				bytes.release();
			}
			throw new IllegalStateException("Reply could not be serialized", ex);
		}
		int count = bytes.writerIndex() - before;
		if (flush) {
			// after the replies collected before it, in order
			flushOnLoop();
			this.channel.writeAndFlush(bytes, this.channel.voidPromise());
		}
		this.sent += count;
		this.observer.bytesSent(this.label, count);
		if (answeredReadAt < 0) {
			this.observer.errorFrameSent(this.label, ReplySerializer.payload(reply));
		}
		else {
			this.observer.frameSent(this.label, ReplySerializer.payload(reply), System.nanoTime() - answeredReadAt);
		}
	}

	/**
	 * The buffer that collects the replies to the frames of one read, so that they leave
	 * in one write: one buffer and one entry in the channel's outbound queue for all of
	 * them instead of one per reply.
	 */
	private ByteBuf batch(Reply reply) {
		ByteBuf batch = this.unflushed;
		if (batch == null) {
			batch = this.channel.alloc().ioBuffer(Math.max(BATCH_SIZE, ReplySerializer.sizeHint(reply)));
			this.unflushed = batch;
		}
		return batch;
	}

	/**
	 * Write the replies collected since the last flush, and flush.
	 */
	void flush() {
		ByteBuf batch = this.unflushed;
		if (batch != null) {
			this.unflushed = null;
			this.channel.writeAndFlush(batch, this.channel.voidPromise());
		}
	}

	/**
	 * Write what was collected, when called on the channel's event loop; elsewhere there
	 * is nothing collected to write.
	 */
	private void flushOnLoop() {
		if (this.channel.eventLoop().inEventLoop()) {
			flush();
		}
	}

	/**
	 * Drop the replies collected and not written: the channel has closed.
	 */
	void discardUnflushed() {
		ByteBuf batch = this.unflushed;
		this.unflushed = null;
		if (batch != null) {
			batch.release();
		}
	}

	@Override
	public void sendInterim(byte[] response) {
		if (this.channel.isActive()) {
			flushOnLoop();
			this.channel.writeAndFlush(Unpooled.wrappedBuffer(response), this.channel.voidPromise());
			this.sent += response.length;
			this.observer.bytesSent(this.label, response.length);
		}
	}

	/**
	 * Close once everything written so far has been flushed to the client.
	 * @param reason why, unless the connection is already closing for another reason
	 */
	void closeAfterWrites(CloseReason reason) {
		this.closeReason.compareAndSet(null, reason);
		flushOnLoop();
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * Stop writing (a FIN to the client) once everything written so far is flushed,
	 * keeping the input open.
	 */
	void shutdownOutputAfterWrites() {
		flushOnLoop();
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((future) -> {
			if (this.channel instanceof DuplexChannel duplex && this.channel.isActive()) {
				duplex.shutdownOutput();
			}
		});
	}

	void busy(boolean withWorker) {
		this.busy = withWorker;
	}

	/**
	 * Whether a frame is with a worker: the connection reads no further frame until its
	 * reply is written.
	 * @return {@code true} while it is
	 */
	boolean isBusy() {
		return this.busy;
	}

	/**
	 * How long the replies waiting to be written have made no progress.
	 * @param now the time now ({@link System#nanoTime()})
	 * @return nanoseconds since they last shrank, or -1 if none are waiting
	 */
	long repliesStalledFor(long now) {
		long pending = pendingWriteBytes();
		// shrinking is progress; replies starting to wait start the clock
		if (pending < this.pendingSeen || (pending > 0 && this.pendingSeen == 0)) {
			this.progressSeenAt = now;
		}
		this.pendingSeen = pending;
		return (pending == 0) ? -1 : now - this.progressSeenAt;
	}

	/**
	 * How long nothing has crossed the connection: nothing read, no reply written, no
	 * frame with a worker. Called by the timeouts' sweep after
	 * {@link #repliesStalledFor}.
	 * @param now the time now ({@link System#nanoTime()})
	 * @return nanoseconds since the last read or the last progress of a reply
	 */
	long silentFor(long now) {
		if (this.busy) {
			return 0;
		}
		return now - Math.max(this.frameReadAt, this.progressSeenAt);
	}

	/**
	 * Set the reason the connection will close for, unless it has one already.
	 * @param reason why
	 */
	void markClosing(CloseReason reason) {
		this.closeReason.compareAndSet(null, reason);
	}

	private long pendingWriteBytes() {
		ChannelOutboundBuffer pending = this.channel.unsafe().outboundBuffer();
		return (pending != null) ? pending.totalPendingWriteBytes() : 0;
	}

	/**
	 * The listener's connection limit if this connection is over it, else 0.
	 * @return the limit, or 0
	 */
	int overLimit() {
		return this.overLimit;
	}

	/**
	 * Close now, dropping anything not yet written.
	 * @param reason why, unless the connection is already closing for another reason
	 */
	void closeFor(CloseReason reason) {
		this.closeReason.compareAndSet(null, reason);
		this.channel.close();
	}

	/**
	 * Close for a reason nobody gave: Spring Integration's factory stopping.
	 */
	@Override
	public void close() {
		closeFor(CloseReason.SHUTDOWN);
	}

	/**
	 * The channel has closed: leave Spring Integration's and the listener's books, and
	 * tell the observer.
	 */
	void closed() {
		super.close();
		this.listener.connectionClosed(this);
		CloseReason reason = this.closeReason.get();
		this.observer.closed(this.label, (reason != null) ? reason : CloseReason.CLIENT,
				Duration.ofNanos(System.nanoTime() - this.openedAt), this.received, this.sent);
	}

	/**
	 * The connection is closed and no frame of it is being handled any more: the mode may
	 * let go of what it kept for it, such as a relay's upstream connection.
	 */
	void ended() {
		this.listener.connectionEnded(this);
	}

	@Override
	public boolean isOpen() {
		return this.channel.isActive();
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public String getHostAddress() {
		return (this.channel.remoteAddress() instanceof InetSocketAddress inet) ? inet.getAddress().getHostAddress()
				: "unknown";
	}

	@Override
	public String getHostName() {
		return getHostAddress();
	}

	@Override
	public int getPort() {
		return (this.channel.remoteAddress() instanceof InetSocketAddress inet) ? inet.getPort() : -1;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public javax.net.ssl.@Nullable SSLSession getSslSession() {
		return null;
	}

	/**
	 * Not used: the channel's event loop reads, not a thread per connection.
	 */
	@Override
	public void run() {
	}

}
