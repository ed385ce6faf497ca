package io.sockscope.support;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

/**
 * Bytes the current thread allocates on the heap, as HotSpot counts them: how a test
 * asserts that a reader sizes nothing from what a peer announces.
 */
public final class AllocationMeter {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null
			&& !System.getenv("JAZZER_FUZZ").isEmpty();

	private static final long FUZZING_SLACK = 16L * 1024 * 1024;

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
	 * Allocation to allow on top of a bound while Jazzer is fuzzing (16 MB), 0 otherwise:
	 * its comparison hooks allocate for comparisons the code makes (80 kB seen for one
	 * request of 156 bytes), so a fuzzing run catches only gross allocation, such as a
	 * buffer sized from an announced length, and replaying the inputs checks the bound
	 * itself.
	 * @return the slack in bytes
	 */
	public static long fuzzingSlack() {
		return FUZZING ? FUZZING_SLACK : 0;
	}

	/**
	 * Bytes allocated by this thread since {@link #start()}.
	 * @return the count
	 */
	public long allocated() {
		return THREADS.getCurrentThreadAllocatedBytes() - this.start;
	}

}
