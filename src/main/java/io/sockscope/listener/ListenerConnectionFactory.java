package io.sockscope.listener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.sockscope.config.SockscopeProperties;
import io.sockscope.connection.ConnectionObserver;
import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Received;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;

/**
 * The server connection factory of one listener, on Netty: its connections are channels
 * served by the shared {@link EventLoops}, each a {@link ChannelConnection} that Spring
 * Integration's inbound gateway sees like any other. Configured the Spring Integration
 * way (deserializer, serializer and mapper set on the factory and handed to each
 * connection), it binds its socket when asked, before the flow starts, so that a port in
 * use fails start-up; enforces {@code max-connections}, the idle and write timeouts, and
 * drains its connections when the listener stops.
 */
final class ListenerConnectionFactory extends AbstractServerConnectionFactory {

	private static final int BACKLOG = 1024;

	/**
	 * A connection whose unwritten replies exceed the high mark is not read from until
	 * they fall below the low one.
	 */
	private static final WriteBufferWaterMark UNWRITTEN_REPLIES = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

	/**
	 * Room over the payload limit for what a framing puts around a payload.
	 */
	private static final int FRAMING_OVERHEAD = 8;

	private final String listenerName;

	private final SockscopeProperties.Listener properties;

	private final EventLoops eventLoops;

	private final ConnectionObserver observer;

	private final @Nullable Executor worker;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong connectionNumbers = new AtomicLong();

	private final Lock drainLock = new ReentrantLock();

	private final Condition drained = this.drainLock.newCondition();

	private final ConnectionTimeouts timeouts;

	private @Nullable Channel serverChannel;

	private volatile Consumer<String> connectionsEnded = (connectionId) -> {
	};

	ListenerConnectionFactory(String listenerName, SockscopeProperties.Listener properties, FrameCodec codec,
			Deserializer<? extends Received> deserializer, ConnectionObserver observer, EventLoops eventLoops,
			@Nullable Executor worker) {
		super(properties.port());
		this.listenerName = listenerName;
		this.properties = properties;
		this.eventLoops = eventLoops;
		this.observer = observer;
		this.worker = worker;
		this.timeouts = new ConnectionTimeouts(properties.idleTimeout(), properties.writeTimeout());
		setLocalAddress(properties.host());
		setBacklog(BACKLOG);
		setSoTcpNoDelay(true);
		setLookupHost(false);
		setDeserializer(deserializer);
		setSerializer(new ReplySerializer(codec));
		setMapper(new ListenerMessageMapper());
	}

	/**
	 * Bind the listener's address now, accepting nothing until {@link #start()}.
	 * @throws ListenerBindException if the address cannot be bound
	 */
	void bind() {
		String address = this.properties.host() + ":" + this.properties.port();
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.eventLoops.group())
			.channel(this.eventLoops.serverChannelType())
			.option(ChannelOption.SO_BACKLOG, getBacklog())
			.option(ChannelOption.SO_REUSEADDR, true)
			// no accepts until the gateway is there to take the connections' frames
			.option(ChannelOption.AUTO_READ, false)
			.childOption(ChannelOption.TCP_NODELAY, isSoTcpNoDelay())
			// a client's half-close ends its input only: raw framing answers after it
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, UNWRITTEN_REPLIES)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					initializeChannel(channel);
				}

			});
		ChannelFuture bound = bootstrap.bind(new InetSocketAddress(this.properties.host(), this.properties.port()))
			.awaitUninterruptibly();
		if (!bound.isSuccess()) {
			throw new ListenerBindException(this.listenerName, address, bound.cause());
		}
		this.serverChannel = bound.channel();
	}

	private void initializeChannel(Channel channel) {
		int open = this.active.incrementAndGet();
		int maxConnections = this.properties.maxConnections();
		ChannelConnection connection = new ChannelConnection(channel, this, this.connectionNumbers.incrementAndGet(),
				(open > maxConnections) ? maxConnections : 0, getApplicationEventPublisher());
		TcpListener listener = getListener();
		if (listener != null) {
			connection.registerListener(listener);
		}
		connection.registerSenders(getSenders());
		connection.setMapper(getMapper());
		connection.setDeserializer(getDeserializer());
		connection.setSerializer(getSerializer());
		wrapConnection(connection);
		channel.pipeline()
			.addLast(new FrameReader(connection, getDeserializer(),
					(long) this.properties.maxFrameBytes() + FRAMING_OVERHEAD, this.worker));
	}

	/**
	 * The port bound, the real one when configured as 0.
	 * @return the local port, or -1 if not bound
	 */
	int boundPort() {
		Channel channel = this.serverChannel;
		return (channel != null && channel.localAddress() instanceof InetSocketAddress address) ? address.getPort()
				: -1;
	}

	@Override
	public int getPort() {
		int bound = boundPort();
		return (bound >= 0) ? bound : super.getPort();
	}

	/**
	 * Start accepting on the socket {@link #bind()} bound. A stopped listener's factory
	 * is discarded, never started again.
	 */
	@Override
	public void start() {
		Channel channel = this.serverChannel;
		if (channel == null || !channel.isActive()) {
			throw new IllegalStateException("Listener '" + this.listenerName + "' is not bound");
		}
		setActive(true);
		this.timeouts.start(this.eventLoops.group(), this::openConnections);
		channel.config().setAutoRead(true);
		setListening(true);
	}

	/**
	 * Not used: the event loops accept connections, not a thread of the factory's own.
	 */
	@Override
	public void run() {
	}

	@Override
	public void stop() {
		this.timeouts.stop();
		closeServerChannel();
		setListening(false);
		super.stop();
	}

	private void closeServerChannel() {
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().awaitUninterruptibly();
		}
	}

	/**
	 * A listener connection leaves the factory's map itself when it closes, so there is
	 * nothing to look for; Spring Integration's factory would otherwise list every open
	 * connection after each accept.
	 */
	@Override
	protected void harvestClosedConnections() {
	}

	/**
	 * Tell the given callback the id of each connection that is done: closed, and its
	 * last frame handled.
	 * @param callback takes the connection id
	 */
	void onConnectionEnded(Consumer<String> callback) {
		this.connectionsEnded = callback;
	}

	void connectionEnded(ChannelConnection connection) {
		this.connectionsEnded.accept(connection.getConnectionId());
	}

	void connectionClosed(ChannelConnection connection) {
		this.connections.remove(connection.getConnectionId(), connection);
		if (this.active.decrementAndGet() == 0) {
			this.drainLock.lock();
			try {
				this.drained.signalAll();
			}
			finally {
				this.drainLock.unlock();
			}
		}
	}

	/**
	 * Stop accepting, and have every connection answer the frames it has already read and
	 * close.
	 */
	void drain() {
		closeServerChannel();
		setListening(false);
		for (ChannelConnection connection : openConnections()) {
			connection.channel().pipeline().fireUserEventTriggered(FrameReader.DrainEvent.INSTANCE);
		}
	}

	/**
	 * Wait until every connection has closed.
	 * @param timeout how long to wait at most
	 * @return whether all closed in time
	 */
	boolean awaitDrained(Duration timeout) {
		long remaining = timeout.toNanos();
		this.drainLock.lock();
		try {
			while (this.active.get() > 0) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.drained.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.drainLock.unlock();
		}
	}

	/**
	 * Close every connection still open now, whatever it is doing.
	 */
	void closeAll() {
		openConnections().forEach(ChannelConnection::close);
	}

	private Iterable<ChannelConnection> openConnections() {
		List<ChannelConnection> open = new ArrayList<>(this.connections.size());
		for (TcpConnectionSupport connection : this.connections.values()) {
			if (connection instanceof ChannelConnection channelConnection) {
				open.add(channelConnection);
			}
		}
		return open;
	}

	int activeConnections() {
		return this.active.get();
	}

	/**
	 * How many connections Spring Integration's map of this factory's connections holds.
	 * @return the number of connections not yet removed from it
	 */
	int trackedConnections() {
		return this.connections.size();
	}

	String listenerName() {
		return this.listenerName;
	}

	ConnectionObserver observer() {
		return this.observer;
	}

}
