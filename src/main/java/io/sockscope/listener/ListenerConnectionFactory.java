package io.sockscope.listener;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.sockscope.config.SockscopeProperties;
import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Received;
import io.sockscope.inspect.InspectionLog;
import io.sockscope.metrics.TrafficMetrics;
import io.sockscope.metrics.TrafficRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The Net server connection factory of one listener. It binds its socket when asked,
 * before the flow starts, so that a port in use fails start-up instead of leaving a
 * listener that never listens; it creates {@link ListenerConnection listener connections},
 * enforces {@code max-connections} and closes connections silent for {@code idle-timeout}.
 */
final class ListenerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final int BACKLOG = 1024;

	private static final Duration MIN_SWEEP_PERIOD = Duration.ofMillis(10);

	private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(1);

	private final String listenerName;

	private final SockscopeProperties.Listener properties;

	private final FrameCodec codec;

	private final InspectionLog inspection;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong connectionIds = new AtomicLong();

	private final Lock drainLock = new ReentrantLock();

	private final Condition drained = this.drainLock.newCondition();

	private volatile boolean draining;

	private final TrafficRecorder recorder;

	private @Nullable ServerSocket boundSocket;

	private @Nullable ScheduledFuture<?> idleSweep;

	private volatile Consumer<String> connectionsEnded = (connectionId) -> {
	};

	ListenerConnectionFactory(String listenerName, SockscopeProperties.Listener properties, FrameCodec codec,
			Deserializer<? extends Received> deserializer, InspectionLog inspection, TrafficMetrics metrics,
			Executor executor) {
		super(properties.port());
		this.listenerName = listenerName;
		this.properties = properties;
		this.codec = codec;
		this.inspection = inspection;
		this.recorder = metrics.recorderFor(listenerName, properties.maxFrameBytes(), this.active::get);
		setLocalAddress(properties.host());
		setBacklog(BACKLOG);
		setSoTcpNoDelay(true);
		setLookupHost(false);
		setDeserializer(deserializer);
		setSerializer(codec);
		setTaskExecutor(executor);
		setTcpNetConnectionSupport(this::newConnection);
		setMapper(new ListenerMessageMapper());
	}

	/**
	 * Bind the listener's address now.
	 * @throws ListenerBindException if the address cannot be bound
	 */
	void bind() {
		String address = this.properties.host() + ":" + this.properties.port();
		try {
			ServerSocket socket = getTcpSocketFactorySupport().getServerSocketFactory().createServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(this.properties.host()), this.properties.port()),
					BACKLOG);
			this.boundSocket = socket;
		}
		catch (IOException ex) {
			throw new ListenerBindException(this.listenerName, address, ex);
		}
	}

	/**
	 * The port bound, the real one when configured as 0.
	 * @return the local port, or -1 if not bound
	 */
	int boundPort() {
		ServerSocket socket = this.boundSocket;
		return (socket != null) ? socket.getLocalPort() : -1;
	}

	/**
	 * Hand Spring Integration's accept loop the socket {@link #bind()} bound. A stopped
	 * listener's factory is discarded, never started again, so there is nothing to bind
	 * here.
	 */
	@Override
	protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress whichNic)
			throws IOException {
		ServerSocket socket = this.boundSocket;
		if (socket == null || socket.isClosed()) {
			throw new IOException("Listener '" + this.listenerName + "' is not bound");
		}
		return socket;
	}

	@Override
	public void start() {
		super.start();
		Duration idleTimeout = this.properties.idleTimeout();
		if (!idleTimeout.isZero() && this.idleSweep == null) {
			this.idleSweep = getTaskScheduler().scheduleWithFixedDelay(
					() -> closeSilentConnections(idleTimeout.toNanos()), sweepPeriod(idleTimeout));
		}
	}

	/**
	 * How often to look for silent connections: often enough that one closes within a
	 * quarter of the timeout after it, at most once a second.
	 */
	private static Duration sweepPeriod(Duration idleTimeout) {
		Duration quarter = idleTimeout.dividedBy(4);
		if (quarter.compareTo(MIN_SWEEP_PERIOD) < 0) {
			return MIN_SWEEP_PERIOD;
		}
		return (quarter.compareTo(MAX_SWEEP_PERIOD) > 0) ? MAX_SWEEP_PERIOD : quarter;
	}

	/**
	 * Close every connection that has been silent for the idle timeout. One sweep for the
	 * whole listener instead of a socket timeout on every read: on a virtual thread, a
	 * timed read schedules and cancels a timer each time it blocks.
	 */
	private void closeSilentConnections(long idleNanos) {
		long now = System.nanoTime();
		forEachConnection((connection) -> connection.closeIfSilent(now, idleNanos));
	}

	@Override
	public void stop() {
		ScheduledFuture<?> sweep = this.idleSweep;
		this.idleSweep = null;
		if (sweep != null) {
			sweep.cancel(false);
		}
		super.stop();
		ServerSocket socket = this.boundSocket;
		this.boundSocket = null;
		if (socket != null && !socket.isClosed()) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing a listening socket that failed to close leaves nothing to do
			}
		}
	}

	private TcpNetConnection newConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
		boolean overLimit = this.active.incrementAndGet() > this.properties.maxConnections();
		return new ListenerConnection(socket, this, this.connectionIds.incrementAndGet(), overLimit, publisher);
	}

	/**
	 * Spring Integration's factory looks through all of its connections for closed ones
	 * after every accept, listing the ids of all the open ones as it goes: with thousands
	 * open, each new connection cost a list of thousands of ids, and opening 10,000
	 * allocated about 700 MB. A listener connection leaves the factory's map itself when
	 * it closes ({@link #connectionClosed}), so there is nothing to look for.
	 */
	@Override
	protected void harvestClosedConnections() {
	}

	/**
	 * Each open connection of this listener: those in Spring Integration's map of the
	 * factory's connections, which it adds every connection to as it is accepted, before
	 * the connection runs, and which each removes itself from as it closes.
	 */
	private void forEachConnection(Consumer<ListenerConnection> action) {
		for (TcpConnectionSupport connection : this.connections.values()) {
			if (connection instanceof ListenerConnection listenerConnection) {
				action.accept(listenerConnection);
			}
		}
	}

	/**
	 * Tell the given callback the id of each connection whose thread is done with it,
	 * after its last frame was handled.
	 * @param callback takes the connection id
	 */
	void onConnectionEnded(Consumer<String> callback) {
		this.connectionsEnded = callback;
	}

	void connectionEnded(ListenerConnection connection) {
		this.connectionsEnded.accept(connection.getConnectionId());
	}

	void connectionClosed(ListenerConnection connection) {
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
	 * Stop accepting and close every connection that is waiting for a frame; connections
	 * handling one close once their reply is written.
	 */
	void drain() {
		this.draining = true;
		ServerSocket socket = this.boundSocket;
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// the accept loop ends either way
			}
		}
		forEachConnection(ListenerConnection::closeIfIdle);
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

	boolean isDraining() {
		return this.draining;
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

	int maxConnections() {
		return this.properties.maxConnections();
	}

	FrameCodec codec() {
		return this.codec;
	}

	InspectionLog inspection() {
		return this.inspection;
	}

	TrafficRecorder recorder() {
		return this.recorder;
	}

}
