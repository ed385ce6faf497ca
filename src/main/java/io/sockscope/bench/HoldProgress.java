package io.sockscope.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections held open across every worker and reports once when all are
 * open, so that a caller can measure the server while it holds them.
 */
final class HoldProgress {

	private final int target;

	private final Runnable allOpen;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger peak = new AtomicInteger();

	private final AtomicBoolean reported = new AtomicBoolean();

	/**
	 * Create a progress counter.
	 * @param target the number of connections to hold
	 * @param allOpen what to run, on a worker thread, the first time all are open
	 */
	HoldProgress(int target, Runnable allOpen) {
		this.target = target;
		this.allOpen = allOpen;
	}

	void opened() {
		int now = this.open.incrementAndGet();
		this.peak.accumulateAndGet(now, Math::max);
		if (now >= this.target && this.reported.compareAndSet(false, true)) {
			this.allOpen.run();
		}
	}

	void closed() {
		this.open.decrementAndGet();
	}

	/**
	 * The most connections that were open at once.
	 * @return the peak count
	 */
	int peak() {
		return this.peak.get();
	}

}
