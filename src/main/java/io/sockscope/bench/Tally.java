package io.sockscope.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The counts of one selector thread, merged into a {@link BenchResult} at the end. Only
 * its own thread touches it, so it needs no synchronization.
 */
final class Tally {

	private static final long HIGHEST_LATENCY = TimeUnit.MINUTES.toNanos(10);

	private final Histogram latencies = new Histogram(HIGHEST_LATENCY, 3);

	private final long[] errors = new long[ErrorKind.values().length];

	private long requests;

	private long bytes;

	private long connections;

	/**
	 * Record a verified reply that counts in the results.
	 * @param start when its request started, as a {@link System#nanoTime()}
	 * @param end when its last byte arrived
	 * @param replyBytes its length on the wire
	 */
	void reply(long start, long end, int replyBytes) {
		this.requests++;
		this.bytes += replyBytes;
		latency(start, end);
	}

	/**
	 * Record a latency.
	 * @param start when the operation started, as a {@link System#nanoTime()}
	 * @param end when it ended
	 */
	void latency(long start, long end) {
		this.latencies.recordValue(Math.min(Math.max(end - start, 0), HIGHEST_LATENCY));
	}

	/**
	 * Count a verified reply without timing it.
	 */
	void verified() {
		this.requests++;
	}

	/**
	 * Count a connection opened.
	 */
	void connected() {
		this.connections++;
	}

	/**
	 * Count errors.
	 * @param kind the kind of error
	 * @param count how many
	 */
	void error(ErrorKind kind, long count) {
		this.errors[kind.ordinal()] += count;
	}

	/**
	 * Add another tally's counts to this one.
	 * @param other the tally to add
	 */
	void add(Tally other) {
		this.latencies.add(other.latencies);
		for (int i = 0; i < this.errors.length; i++) {
			this.errors[i] += other.errors[i];
		}
		this.requests += other.requests;
		this.bytes += other.bytes;
		this.connections += other.connections;
	}

	Histogram latencies() {
		return this.latencies;
	}

	long requests() {
		return this.requests;
	}

	long bytes() {
		return this.bytes;
	}

	long connections() {
		return this.connections;
	}

	Map<ErrorKind, Long> errors() {
		Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
		for (ErrorKind kind : ErrorKind.values()) {
			errors.put(kind, this.errors[kind.ordinal()]);
		}
		return errors;
	}

}
