package io.sockscope.mode;

import java.util.Objects;

import io.sockscope.client.Upstream;
import io.sockscope.client.UpstreamSessionFactory;
import io.sockscope.config.SockscopeProperties;
import io.sockscope.inspect.PayloadRenderer;
import io.sockscope.metrics.TrafficRecorder;

import org.springframework.beans.factory.BeanFactory;

/**
 * Creates the handler of each listener's mode, with what the mode needs: the relay's
 * upstream sessions for {@code relay}.
 */
public class FrameHandlers {

	private final BeanFactory beanFactory;

	/**
	 * Create an instance.
	 * @param beanFactory the application's bean factory, for the relay's Spring
	 * Integration components
	 */
	public FrameHandlers(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Create the handler of a listener.
	 * @param name the listener's name
	 * @param listener its configuration
	 * @param recorder its recorder
	 * @return the handler; close it when the listener stops
	 */
	public FrameHandler create(String name, SockscopeProperties.Listener listener, TrafficRecorder recorder) {
		return switch (listener.mode()) {
			case ECHO -> new EchoHandler();
			case HTTP -> new HttpHandler();
			case AUTO -> new AutoHandler();
			case SINK -> (connectionId, received) -> null;
			case RELAY -> relay(name, listener, recorder);
		};
	}

	private FrameHandler relay(String name, SockscopeProperties.Listener listener, TrafficRecorder recorder) {
		SockscopeProperties.Relay relay = listener.relay();
		Upstream upstream = new Upstream(Objects.requireNonNull(relay.host()), relay.port(), relay.framing(),
				listener.maxFrameBytes(), relay.timeout());
		int logBytes = (int) Math.min(Integer.MAX_VALUE, listener.log().maxBytes().toBytes());
		RelayStrays strays = new RelayStrays(name, upstream, new PayloadRenderer(listener.log().payload(), logBytes),
				recorder);
		UpstreamSessionFactory sessionFactory = new UpstreamSessionFactory(name, upstream, strays, this.beanFactory);
		RelaySessions sessions = switch (relay.connections()) {
			case PER_CLIENT -> new PerClientSessions(sessionFactory);
			case POOLED -> new PooledSessions(sessionFactory, relay.poolSize());
		};
		return new RelayHandler(name, listener.framing(), listener.maxFrameBytes(), sessionFactory, sessions, recorder);
	}

}
