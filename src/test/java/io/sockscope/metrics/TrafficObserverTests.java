package io.sockscope.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ConnectionLabel;
import io.sockscope.connection.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics side of a connection's life, without sockets: what the engine reports to
 * the observer is what the meters show.
 */
class TrafficObserverTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ConnectionLabel connection = new ConnectionLabel("echo", 1, "127.0.0.1:50000");

	@Test
	void connectionLifeIsCountedInTheListenersMeters() {
		TrafficObserver observer = new TrafficObserver(
				new TrafficMetrics(this.registry).recorderFor("echo", 65536, () -> 1));
		observer.opened(this.connection);
		observer.bytesReceived(this.connection, 6);
		observer.frameReceived(this.connection, "hello".getBytes());
		observer.bytesSent(this.connection, 6);
		observer.frameSent(this.connection, "hello".getBytes(), 42_000);
		observer.error(this.connection, ErrorKind.OVERSIZE, "frame exceeds max-frame-size");
		observer.errorFrameSent(this.connection, "error: frame exceeds max-frame-size".getBytes());
		observer.closed(this.connection, CloseReason.ERROR, Duration.ofMillis(5), 6, 6);
		assertThat(count("sockscope.connections.opened")).isEqualTo(1);
		assertThat(count("sockscope.received")).isEqualTo(6);
		assertThat(count("sockscope.sent")).isEqualTo(6);
		assertThat(count("sockscope.frames.received")).isEqualTo(1);
		assertThat(count("sockscope.frames.sent")).isEqualTo(1);
		assertThat(count("sockscope.error.frames.sent")).isEqualTo(1);
		assertThat(this.registry.get("sockscope.errors").tags("listener", "echo", "kind", "oversize").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("sockscope.connections.closed")
			.tags("listener", "echo", "reason", "error")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("sockscope.frame.size").tag("listener", "echo").summary().totalAmount())
			.isEqualTo(5);
		assertThat(this.registry.get("sockscope.frame.handling").tag("listener", "echo").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("sockscope.connections.active").tag("listener", "echo").gauge().value())
			.isEqualTo(1);
	}

	@Test
	void removedListenerLeavesNoMeterBehind() {
		TrafficMetrics metrics = new TrafficMetrics(this.registry);
		metrics.recorderFor("gone", 1024, () -> 0);
		metrics.logDrops("gone", () -> 3, () -> 4);
		assertThat(this.registry.get("sockscope.log.events.dropped")
			.tags("listener", "gone", "reason", "rate")
			.functionCounter()
			.count()).isEqualTo(3);
		metrics.remove("gone");
		assertThat(this.registry.getMeters()).noneMatch((meter) -> "gone".equals(meter.getId().getTag("listener")));
	}

	private double count(String name) {
		return this.registry.get(name).tag("listener", "echo").counter().count();
	}

}
