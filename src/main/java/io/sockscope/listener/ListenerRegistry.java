package io.sockscope.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import io.sockscope.config.SockscopeProperties;
import io.sockscope.connection.ConnectionObserver;
import io.sockscope.framing.FrameCodec;
import io.sockscope.inspect.InspectionLog;
import io.sockscope.inspect.InspectionLogging;
import io.sockscope.inspect.LogDrops;
import io.sockscope.inspect.PayloadRenderer;
import io.sockscope.metrics.TrafficMetrics;
import io.sockscope.metrics.TrafficObserver;
import io.sockscope.metrics.TrafficRecorder;
import io.sockscope.mode.FrameHandler;
import io.sockscope.mode.FrameHandlers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * Starts every enabled listener: binds its port, then registers its flow, an inbound
 * gateway handing frames to the listener's mode. Knows the running listeners afterwards.
 */
public class ListenerRegistry implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ListenerRegistry.class);

	private static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(1);

	private final SockscopeProperties properties;

	private final IntegrationFlowContext flowContext;

	private final TrafficMetrics metrics;

	private final FrameHandlers handlers;

	private final EventLoops eventLoops;

	private final InspectionLogging inspectionLogging;

	private final Map<String, RunningListener> running = Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile boolean started;

	public ListenerRegistry(SockscopeProperties properties, IntegrationFlowContext flowContext, TrafficMetrics metrics,
			FrameHandlers handlers, EventLoops eventLoops, InspectionLogging inspectionLogging) {
		this.eventLoops = eventLoops;
		this.inspectionLogging = inspectionLogging;
		this.properties = properties;
		this.flowContext = flowContext;
		this.metrics = metrics;
		this.handlers = handlers;
	}

	@Override
	public void start() {
		this.properties.enabledListeners().forEach(this::startListener);
		this.started = true;
	}

	private void startListener(String name, SockscopeProperties.Listener listener) {
		FrameCodec codec = listener.framing().newCodec(listener.maxFrameBytes());
		int logBytes = (int) Math.min(Integer.MAX_VALUE, listener.log().maxBytes().toBytes());
		InspectionLog inspection = this.inspectionLogging.register(name,
				new PayloadRenderer(listener.log().payload(), logBytes), listener.log().linesPerSecond());
		LogDrops logDrops = inspection.drops();
		AtomicReference<ListenerConnectionFactory> factory = new AtomicReference<>();
		TrafficRecorder recorder = this.metrics.recorderFor(name, listener.maxFrameBytes(),
				() -> activeConnections(factory.get()));
		this.metrics.logDrops(name, logDrops::overRate, logDrops::queueFull);
		ConnectionObserver observer = ConnectionObserver.of(new TrafficObserver(recorder), inspection);
		Executor worker = listener.mode().blocks() ? Workers.create(name, listener.platformThreads()) : null;
		ListenerConnectionFactory connections = new ListenerConnectionFactory(name, listener, codec,
				listener.mode().deserializer(listener.framing(), codec), observer, this.eventLoops, worker);
		factory.set(connections);
		try {
			connections.bind();
		}
		catch (ListenerBindException ex) {
			if (worker != null) {
				Workers.shutdown(worker);
			}
			this.metrics.remove(name);
			this.inspectionLogging.unregister(name);
			throw ex;
		}
		FrameHandler handler = this.handlers.create(name, listener, recorder);
		connections.onConnectionEnded(handler::connectionClosed);
		FrameGateway gateway = new FrameGateway();
		gateway.setConnectionFactory(connections);
		// the flow replies on the calling thread, so a reply is there or never comes
		gateway.setReplyTimeout(0);
		gateway.setRequestChannel(new FrameChannel());
		IntegrationFlow flow = IntegrationFlow.from(gateway).handle(new FrameMessageHandler(handler)).get();
		String id = "sockscope.listener." + name;
		this.flowContext.registration(flow).id(id).addBean(id + ".connections", connections).register();
		this.running.put(name, new RunningListener(name, id, connections, handler, worker));
		logger.info("Listener '" + name + "' listening on " + listener.host() + ":" + connections.boundPort()
				+ " (framing=" + listener.framing().displayName() + ", mode=" + listener.mode().displayName() + ")");
	}

	private static int activeConnections(@Nullable ListenerConnectionFactory connections) {
		return (connections != null) ? connections.activeConnections() : 0;
	}

	/**
	 * Stop every listener gracefully: stop accepting, close connections waiting for a
	 * frame, give frames being handled the grace period to get their replies, then close
	 * what is left.
	 */
	@Override
	public void stop() {
		List<RunningListener> listeners;
		synchronized (this.running) {
			listeners = new ArrayList<>(this.running.values());
		}
		listeners.forEach((listener) -> listener.connections().drain());
		Duration gracePeriod = this.properties.shutdown().gracePeriod();
		long deadline = System.nanoTime() + gracePeriod.toNanos();
		for (RunningListener listener : listeners) {
			Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			if (!listener.connections().awaitDrained(remaining)) {
				logger.info("Listener '" + listener.name() + "' closing " + listener.connections().activeConnections()
						+ " connection(s) still busy after the grace period of " + gracePeriod);
				listener.connections().closeAll();
			}
		}
		for (RunningListener listener : listeners) {
			// closing is immediate, whatever a client does; the wait only lets the close
			// lines out
			listener.connections().awaitDrained(FORCED_CLOSE_WAIT);
		}
		synchronized (this.running) {
			this.running.clear();
		}
		for (RunningListener listener : listeners) {
			this.flowContext.remove(listener.flowId());
			listener.connections().stop();
			listener.handler().close();
			Executor worker = listener.worker();
			if (worker != null) {
				Workers.shutdown(worker);
			}
			this.metrics.remove(listener.name());
			this.inspectionLogging.unregister(listener.name());
			logger.info("Listener '" + listener.name() + "' stopped");
		}
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * The port a listener is bound to, the real one when configured as 0.
	 * @param name the listener's name
	 * @return the port
	 * @throws IllegalArgumentException if no such listener is running
	 */
	public int port(String name) {
		return listener(name).connections().boundPort();
	}

	/**
	 * Whether a listener accepts connections now.
	 * @param name the listener's name
	 * @return {@code true} if it is listening
	 */
	public boolean isListening(String name) {
		RunningListener listener = this.running.get(name);
		return listener != null && listener.connections().isListening();
	}

	/**
	 * The names of the running listeners.
	 * @return the names, in start order
	 */
	public List<String> names() {
		synchronized (this.running) {
			return List.copyOf(this.running.keySet());
		}
	}

	private RunningListener listener(String name) {
		RunningListener listener = this.running.get(name);
		if (listener == null) {
			throw new IllegalArgumentException("No listener named '" + name + "' is running");
		}
		return listener;
	}

	private record RunningListener(String name, String flowId, ListenerConnectionFactory connections,
			FrameHandler handler, @Nullable Executor worker) {

	}

}
