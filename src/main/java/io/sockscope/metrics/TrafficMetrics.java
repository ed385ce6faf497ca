package io.sockscope.metrics;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Creates the {@link TrafficRecorder} of each listener.
 */
public class TrafficMetrics {

	private final MeterRegistry registry;

	public TrafficMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Register the meters of a listener and return its recorder.
	 * @param listener the listener's name, the {@code listener} tag
	 * @param maxFrameSize the listener's largest payload, the frame size histogram's
	 * upper end
	 * @param activeConnections reads the number of connections open now
	 * @return the recorder
	 */
	public TrafficRecorder recorderFor(String listener, long maxFrameSize, IntSupplier activeConnections) {
		return new MicrometerTrafficRecorder(this.registry, listener, maxFrameSize, activeConnections);
	}

	/**
	 * Register the counts of a listener's inspection log lines left out.
	 * @param listener the listener's name
	 * @param overRate reads the lines left out over the listener's rate limit
	 * @param queueFull reads the lines dropped because the log's queue was full
	 */
	public void logDrops(String listener, LongSupplier overRate, LongSupplier queueFull) {
		logDropCounter(listener, "rate", overRate);
		logDropCounter(listener, "queue", queueFull);
	}

	private void logDropCounter(String listener, String reason, LongSupplier count) {
		FunctionCounter.builder(SockscopeMeters.LOG_EVENTS_DROPPED.meterName(), count, LongSupplier::getAsLong)
			.description(SockscopeMeters.LOG_EVENTS_DROPPED.description())
			.tags(SockscopeMeters.Tags.LISTENER.key(), listener, SockscopeMeters.Tags.REASON.key(), reason)
			.register(this.registry);
	}

	/**
	 * Remove the meters of a listener that stopped. A listener started again under the
	 * same name registers them anew; kept, its gauge would go on reading the stopped
	 * listener's connections.
	 * @param listener the listener's name
	 */
	public void remove(String listener) {
		String tag = SockscopeMeters.Tags.LISTENER.key();
		this.registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("sockscope.")
					&& listener.equals(meter.getId().getTag(tag)))
			.toList()
			.forEach(this.registry::remove);
	}

}
