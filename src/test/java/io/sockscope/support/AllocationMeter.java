package io.sockscope.support;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

/**
 * Bytes the current thread allocates on the heap, as HotSpot counts them: how a test
 * asserts that a reader sizes nothing from what a peer announces.
 */
public final class AllocationMeter {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private final long start;

	private AllocationMeter() {
		this.start = THREADS.getCurrentThreadAllocatedBytes();
	}

	/**
	 * Start counting.
	 * @return the meter
	 */
	public static AllocationMeter start() {
		return new AllocationMeter();
	}

	/**
	 * Bytes allocated by this thread since {@link #start()}.
	 * @return the count
	 */
	public long allocated() {
		return THREADS.getCurrentThreadAllocatedBytes() - this.start;
	}

}
