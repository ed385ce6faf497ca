package io.sockscope.listener;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while every configured listener accepts connections; part of the readiness group, so
 * a listener that stops listening takes the instance out of rotation.
 */
class ListenersHealthIndicator extends AbstractHealthIndicator {

	private final ListenerRegistry listeners;

	ListenersHealthIndicator(ListenerRegistry listeners) {
		super("Listener health check failed");
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		if (!this.listeners.isRunning()) {
			builder.outOfService();
		}
		for (String name : this.listeners.names()) {
			boolean listening = this.listeners.isListening(name);
			builder.withDetail(name, listening ? "listening on port " + this.listeners.port(name) : "not listening");
			if (!listening) {
				builder.down();
			}
		}
	}

}
