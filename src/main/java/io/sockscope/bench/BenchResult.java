package io.sockscope.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run measured.
 *
 * @param plan the plan that ran
 * @param tally the counts of every worker, merged
 * @param held the most connections open at once, in {@code hold} mode
 */
record BenchResult(BenchPlan plan, Tally tally, int held) {

	private static final double NANOS_PER_MICRO = 1_000.0;

	private static final double BYTES_PER_MEGABYTE = 1_000_000.0;

	/**
	 * Verified replies: in the measurement window, or in {@code hold} mode the final
	 * echoes.
	 * @return the count
	 */
	long requests() {
		return this.tally.requests();
	}

	/**
	 * Verified replies per second of the measurement window.
	 * @return the rate, rounded to one decimal
	 */
	BigDecimal requestsPerSecond() {
		return round(this.tally.requests() / seconds(), 1);
	}

	/**
	 * Reply bytes verified per second, framing included, in megabytes of 10^6 bytes.
	 * @return the rate, rounded to three decimals
	 */
	BigDecimal megabytesPerSecond() {
		return round(this.tally.bytes() / BYTES_PER_MEGABYTE / seconds(), 3);
	}

	/**
	 * A latency percentile: request to reply, or in {@code hold} mode connect time.
	 * @param percentile the percentile, such as 99.9
	 * @return the latency in microseconds, 0 if nothing was measured
	 */
	BigDecimal latencyMicros(double percentile) {
		return micros(this.tally.latencies().getValueAtPercentile(percentile));
	}

	/**
	 * The highest latency.
	 * @return the latency in microseconds, 0 if nothing was measured
	 */
	BigDecimal maxLatencyMicros() {
		return micros(this.tally.latencies().getMaxValue());
	}

	/**
	 * Connections opened during the whole run.
	 * @return the count
	 */
	long connectionsOpened() {
		return this.tally.connections();
	}

	/**
	 * All errors of every kind.
	 * @return the count
	 */
	long errors() {
		return this.tally.errors().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Errors by kind.
	 * @return the count of each kind, by its report name
	 */
	Map<String, Long> errorsByKind() {
		Map<String, Long> errors = new LinkedHashMap<>();
		this.tally.errors().forEach((kind, count) -> errors.put(kind.displayName(), count));
		return errors;
	}

	/**
	 * Whether the run proves the service works: something verified and no error.
	 * @return whether the run passed
	 */
	boolean passed() {
		return errors() == 0 && requests() > 0;
	}

	private double seconds() {
		return this.plan.duration().toNanos() / 1e9;
	}

	private static BigDecimal micros(long nanos) {
		return round(nanos / NANOS_PER_MICRO, 1);
	}

	private static BigDecimal round(double value, int scale) {
		return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
	}

}
