package io.sockscope.bench;

/**
 * The phases of one run on the {@link System#nanoTime()} scale: warm-up, measurement,
 * then a drain in which no new request starts and the replies in flight may still arrive
 * until the reply timeout.
 *
 * @param measureStart when measurement starts
 * @param measureEnd when measurement ends and the drain starts
 * @param drainEnd when waiting for replies ends
 */
record RunClock(long measureStart, long measureEnd, long drainEnd) {

	/**
	 * Create the clock of a plan that starts now.
	 * @param plan the plan
	 * @param now the current {@link System#nanoTime()}
	 * @return the clock
	 */
	static RunClock startingAt(BenchPlan plan, long now) {
		long measureStart = now + plan.warmup().toNanos();
		long measureEnd = measureStart + plan.duration().toNanos();
		return new RunClock(measureStart, measureEnd, measureEnd + plan.timeout().toNanos());
	}

	/**
	 * Whether an event at this time counts in the results.
	 * @param now a {@link System#nanoTime()}
	 * @return whether it is in the measurement window
	 */
	boolean measuring(long now) {
		return now - this.measureStart >= 0 && now - this.measureEnd < 0;
	}

	/**
	 * Whether new requests may still start.
	 * @param now a {@link System#nanoTime()}
	 * @return {@code false} once the drain has begun
	 */
	boolean running(long now) {
		return now - this.measureEnd < 0;
	}

	/**
	 * Whether the drain is over.
	 * @param now a {@link System#nanoTime()}
	 * @return {@code true} once no more replies are awaited
	 */
	boolean over(long now) {
		return now - this.drainEnd >= 0;
	}

}
