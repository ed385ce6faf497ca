package io.sockscope.metrics;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ErrorKind;

/**
 * {@link TrafficRecorder} that feeds Micrometer meters. Every meter of the listener is
 * registered up front, so the I/O path only increments and a Prometheus scrape shows
 * zeros rather than nothing.
 */
final class MicrometerTrafficRecorder implements TrafficRecorder {

	private final Counter opened;

	private final Counter[] closed = new Counter[CloseReason.values().length];

	private final Counter received;

	private final Counter sent;

	private final Counter framesReceived;

	private final Counter framesSent;

	private final Counter errorFramesSent;

	private final DistributionSummary frameSize;

	private final Timer frameHandling;

	private final Counter[] errors = new Counter[ErrorKind.values().length];

	private final Timer upstream;

	/**
	 * The frame handling histogram's buckets: a few per decade from 10 µs to 10 s. Every
	 * frame is recorded in both frame histograms, so they have a handful of explicit
	 * buckets rather than Micrometer's generated percentile buckets: a few dozen series
	 * per listener instead of a few hundred, and a fraction of the cost per frame.
	 */
	private static final Duration[] HANDLING_BUCKETS = LongStream
		.of(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
				1_000_000, 2_500_000, 5_000_000, 10_000_000)
		.mapToObj((micros) -> Duration.of(micros, ChronoUnit.MICROS))
		.toArray(Duration[]::new);

	/**
	 * Frame size buckets: powers of four from 16 bytes to the listener's frame limit.
	 */
	private static double[] sizeBuckets(long maxFrameSize) {
		List<Double> buckets = new ArrayList<>();
		for (long size = 16; size < maxFrameSize; size *= 4) {
			buckets.add((double) size);
		}
		buckets.add((double) Math.max(1, maxFrameSize));
		return buckets.stream().mapToDouble(Double::doubleValue).toArray();
	}

	MicrometerTrafficRecorder(MeterRegistry registry, String listener, long maxFrameSize, IntSupplier active) {
		Tags tags = Tags.of(SockscopeMeters.Tags.LISTENER.key(), listener);
		Gauge.builder(SockscopeMeters.CONNECTIONS_ACTIVE.meterName(), active::getAsInt)
			.description(SockscopeMeters.CONNECTIONS_ACTIVE.description())
			.tags(tags)
			.register(registry);
		this.opened = counter(registry, SockscopeMeters.CONNECTIONS_OPENED, tags);
		for (CloseReason reason : CloseReason.values()) {
			this.closed[reason.ordinal()] = counter(registry, SockscopeMeters.CONNECTIONS_CLOSED,
					tags.and(SockscopeMeters.Tags.REASON.key(), reason.tagValue()));
		}
		this.received = counter(registry, SockscopeMeters.RECEIVED, tags);
		this.sent = counter(registry, SockscopeMeters.SENT, tags);
		this.framesReceived = counter(registry, SockscopeMeters.FRAMES_RECEIVED, tags);
		this.framesSent = counter(registry, SockscopeMeters.FRAMES_SENT, tags);
		this.errorFramesSent = counter(registry, SockscopeMeters.ERROR_FRAMES_SENT, tags);
		this.frameSize = DistributionSummary.builder(SockscopeMeters.FRAME_SIZE.meterName())
			.description(SockscopeMeters.FRAME_SIZE.description())
			.baseUnit(SockscopeMeters.FRAME_SIZE.baseUnit())
			.tags(tags)
			.serviceLevelObjectives(sizeBuckets(maxFrameSize))
			.register(registry);
		this.frameHandling = Timer.builder(SockscopeMeters.FRAME_HANDLING.meterName())
			.description(SockscopeMeters.FRAME_HANDLING.description())
			.tags(tags)
			.serviceLevelObjectives(HANDLING_BUCKETS)
			.register(registry);
		this.upstream = Timer.builder(SockscopeMeters.UPSTREAM.meterName())
			.description(SockscopeMeters.UPSTREAM.description())
			.tags(tags)
			.publishPercentileHistogram()
			.register(registry);
		for (ErrorKind kind : ErrorKind.values()) {
			this.errors[kind.ordinal()] = counter(registry, SockscopeMeters.ERRORS,
					tags.and(SockscopeMeters.Tags.KIND.key(), kind.tagValue()));
		}
	}

	private static Counter counter(MeterRegistry registry, SockscopeMeters meter, Tags tags) {
		return Counter.builder(meter.meterName())
			.description(meter.description())
			.baseUnit(meter.baseUnit())
			.tags(tags)
			.register(registry);
	}

	@Override
	public void connectionOpened() {
		this.opened.increment();
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.closed[reason.ordinal()].increment();
	}

	@Override
	public void bytesReceived(int count) {
		this.received.increment(count);
	}

	@Override
	public void bytesSent(int count) {
		this.sent.increment(count);
	}

	@Override
	public void frameReceived(int payloadSize) {
		this.framesReceived.increment();
		this.frameSize.record(payloadSize);
	}

	@Override
	public void frameSent(int payloadSize) {
		this.framesSent.increment();
	}

	@Override
	public void errorFrameSent() {
		this.errorFramesSent.increment();
	}

	@Override
	public void frameHandled(long nanos) {
		this.frameHandling.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void error(ErrorKind kind) {
		this.errors[kind.ordinal()].increment();
	}

	@Override
	public void upstreamRoundTrip(long nanos) {
		this.upstream.record(nanos, TimeUnit.NANOSECONDS);
	}

}
