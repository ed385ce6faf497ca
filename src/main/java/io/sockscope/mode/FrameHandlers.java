package io.sockscope.mode;

import java.util.Objects;

import io.sockscope.client.FrameExchange;
import io.sockscope.client.Upstream;
import io.sockscope.config.SockscopeProperties;
import io.sockscope.metrics.TrafficRecorder;

import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * Creates the handler of each listener's mode, with what the mode needs: the relay's
 * outbound gateway for {@code relay}.
 */
public class FrameHandlers {

	private final IntegrationFlowContext flows;

	public FrameHandlers(IntegrationFlowContext flows) {
		this.flows = flows;
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
			case SINK -> (received) -> null;
			case RELAY -> relay(name, listener, recorder);
		};
	}

	private FrameHandler relay(String name, SockscopeProperties.Listener listener, TrafficRecorder recorder) {
		SockscopeProperties.Relay relay = listener.relay();
		Upstream upstream = new Upstream(Objects.requireNonNull(relay.host()), relay.port(), relay.framing(),
				listener.maxFrameBytes(), relay.timeout());
		FrameExchange exchange = FrameExchange.register(this.flows, "sockscope.relay." + name, upstream,
				relay.poolSize());
		return new RelayHandler(name, exchange, recorder);
	}

}
