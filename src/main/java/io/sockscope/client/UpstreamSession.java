package io.sockscope.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.outbound.TcpOutboundGateway;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * A conversation with an upstream over one connection at a time, through an outbound
 * gateway of its own: each request gets exactly one reply, or fails. A connection that
 * does anything else (times out, sends more than the reply, sends what does not decode,
 * closes or resets) is closed and never carries another request; the next exchange opens
 * a new one. So whoever holds a session, one client or one turn of a pool, only ever
 * receives replies to what it sent.
 * <p>
 * One thread at a time exchanges through a session. Connecting and waiting for the reply
 * share the exchange's deadline. Create sessions with an {@link UpstreamSessionFactory}.
 */
public final class UpstreamSession implements AutoCloseable {

	private final Upstream upstream;

	private final DeadlineConnections connections;

	private final TcpOutboundGateway gateway;

	private final ReplySlot replies = new ReplySlot();

	/**
	 * When the exchange in progress must end ({@link System#nanoTime()}).
	 */
	private volatile long deadline;

	UpstreamSession(Upstream upstream, FrameCodec codec, UpstreamSessionFactory.Shared shared) {
		this.upstream = upstream;
		this.connections = new DeadlineConnections(upstream);
		this.connections.setSerializer(codec);
		this.connections.setDeserializer(codec);
		this.connections.setSoTcpNoDelay(true);
		this.connections.setLookupHost(false);
		// no socket read timeout: each exchange has its deadline, and an idle connection
		// may stay open as long as the upstream keeps it
		this.connections.setSoTimeout(0);
		this.connections.setTaskExecutor(shared.readers());
		this.connections.setApplicationEventPublisher(shared.events());
		this.connections.setTcpNetConnectionSupport(UpstreamConnection.support(shared.strays()));
		boolean endOfStream = codec.endsAtEndOfStream();
		// an end-of-stream framing needs a connection per exchange, half-closed after the
		// request; every other framing keeps its connection while it stays clean
		this.connections.setSingleUse(endOfStream);
		this.gateway = new TcpOutboundGateway();
		this.gateway.setConnectionFactory(this.connections);
		this.gateway.setIntegrationEvaluationContext(shared.evaluationContext());
		this.gateway.setRemoteTimeoutExpression(new FunctionExpression<Message<?>>((request) -> remainingMillis()));
		this.gateway.setRequestTimeout(upstream.timeout().toMillis());
		this.gateway.setCloseStreamAfterSend(endOfStream);
		// a reply that fails to decode or a reset fails the exchange at once: with Net
		// connections no reply can follow the error, so there is nothing to wait for
		this.gateway.setSecondChanceDelay(0);
		this.gateway.setUnsolicitedMessageChannel(shared.unsolicited());
		this.gateway.setOutputChannel(this.replies);
		this.connections.setBeanFactory(shared.beanFactory());
		this.gateway.setBeanFactory(shared.beanFactory());
		this.connections.afterPropertiesSet();
		this.gateway.afterPropertiesSet();
		this.gateway.start();
	}

	/**
	 * Send one frame and wait for its reply, opening a connection first if there is no
	 * clean one.
	 * @param request the frame
	 * @param deadline when connecting and waiting for the reply must be done by
	 * ({@link System#nanoTime()})
	 * @return the reply
	 * @throws ExchangeException if the upstream cannot be reached, does not answer by the
	 * deadline, or answers with anything but one frame
	 */
	public Frame exchange(Frame request, long deadline) {
		this.deadline = deadline;
		closeUnlessClean();
		try {
			this.gateway.handleMessage(MessageBuilder.withPayload(request).build());
			Message<?> reply = this.replies.take();
			if (reply == null) {
				throw new IllegalStateException("The outbound gateway returned no reply");
			}
			return (Frame) reply.getPayload();
		}
		catch (RuntimeException ex) {
			closeConnection();
			throw ExchangeFailures.describe(this.upstream, ex);
		}
		finally {
			closeUnlessClean();
		}
	}

	/**
	 * Close the connection unless it is clean; the next exchange opens a new one.
	 */
	private void closeUnlessClean() {
		TcpConnectionSupport connection = this.connections.current();
		if (connection != null
				&& !(connection instanceof UpstreamConnection upstreamConnection && upstreamConnection.isClean())) {
			this.connections.forceClose(connection);
		}
	}

	private void closeConnection() {
		TcpConnectionSupport connection = this.connections.current();
		if (connection != null) {
			this.connections.forceClose(connection);
		}
	}

	private long remainingMillis() {
		return Math.max(0, TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime() + 999_999));
	}

	/**
	 * The upstream this session talks to.
	 * @return the upstream
	 */
	public Upstream upstream() {
		return this.upstream;
	}

	/**
	 * Close the session's connection, if it has one.
	 */
	@Override
	public void close() {
		this.gateway.stop();
	}

	/**
	 * The session's connection factory: one shared connection (or one per exchange on an
	 * end-of-stream framing), connected within what is left of the exchange's deadline.
	 */
	private final class DeadlineConnections extends TcpNetClientConnectionFactory {

		private volatile @Nullable TcpConnectionSupport current;

		DeadlineConnections(Upstream upstream) {
			super(upstream.host(), upstream.port());
		}

		@Override
		protected Socket createSocket(String host, int port) throws IOException {
			long remaining = remainingMillis();
			if (remaining <= 0) {
				throw new ExchangeFailures.ConnectTimeoutException();
			}
			Socket socket = getTcpSocketFactorySupport().getSocketFactory().createSocket();
			try {
				socket.connect(new InetSocketAddress(host, port), (int) Math.min(remaining, Integer.MAX_VALUE));
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				throw new ExchangeFailures.ConnectTimeoutException();
			}
			catch (IOException ex) {
				socket.close();
				throw ex;
			}
			return socket;
		}

		@Override
		protected TcpConnectionSupport buildNewConnection() {
			TcpConnectionSupport connection = super.buildNewConnection();
			this.current = connection;
			return connection;
		}

		@Override
		public void forceClose(TcpConnection connection) {
			if (this.current == connection) {
				this.current = null;
			}
			super.forceClose(connection);
		}

		@Nullable TcpConnectionSupport current() {
			return this.current;
		}

	}

	/**
	 * Where the gateway puts the reply: the exchanging thread sends the request and takes
	 * the reply on the same thread, one exchange at a time.
	 */
	private static final class ReplySlot implements MessageChannel {

		private @Nullable Message<?> reply;

		@Override
		public boolean send(Message<?> message, long timeout) {
			this.reply = message;
			return true;
		}

		@Nullable Message<?> take() {
			Message<?> taken = this.reply;
			this.reply = null;
			return taken;
		}

	}

}
