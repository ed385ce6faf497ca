package io.sockscope.inspect;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many of one listener's inspection log lines were not written: over the listener's
 * {@code log.frames-per-second}, or dropped because the log's queue was full (a console
 * or disk slower than the traffic).
 */
public final class LogDrops {

	private final LongAdder overRate = new LongAdder();

	private final LongAdder queueFull = new LongAdder();

	private long reportedOverRate;

	private long reportedQueueFull;

	void droppedOverRate() {
		this.overRate.increment();
	}

	void droppedQueueFull() {
		this.queueFull.increment();
	}

	/**
	 * Frame lines left out for the rate limit, in all.
	 * @return the count
	 */
	public long overRate() {
		return this.overRate.sum();
	}

	/**
	 * Lines dropped because the log's queue was full, in all.
	 * @return the count
	 */
	public long queueFull() {
		return this.queueFull.sum();
	}

	/**
	 * The drops since the last call, for the periodic summary line.
	 * @return lines left out for the rate limit and for a full queue since then
	 */
	synchronized long[] sinceLastReport() {
		long rate = overRate();
		long queue = queueFull();
		long[] since = { rate - this.reportedOverRate, queue - this.reportedQueueFull };
		this.reportedOverRate = rate;
		this.reportedQueueFull = queue;
		return since;
	}

}
