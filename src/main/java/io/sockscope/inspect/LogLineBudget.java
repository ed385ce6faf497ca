package io.sockscope.inspect;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many inspection lines (frames, connection events) a listener may log each second;
 * the rest are counted, not written, so that a busy listener writes a bounded volume of
 * log.
 */
final class LogLineBudget {

	private static final long SECOND_NANOS = 1_000_000_000L;

	private final int perSecond;

	private final LogDrops drops;

	/**
	 * The second the count is for, as {@link System#nanoTime()} divided by a second, and
	 * the lines logged in it: one word, so that one update moves both.
	 */
	private final AtomicLong secondAndCount = new AtomicLong();

	/**
	 * @param perSecond lines allowed each second, 0 for no limit
	 * @param drops where lines left out are counted
	 */
	LogLineBudget(int perSecond, LogDrops drops) {
		this.perSecond = perSecond;
		this.drops = drops;
	}

	/**
	 * Take one line from this second's budget.
	 * @return whether the line may be logged
	 */
	boolean take() {
		if (this.perSecond <= 0) {
			return true;
		}
		long second = System.nanoTime() / SECOND_NANOS;
		while (true) {
			long current = this.secondAndCount.get();
			long currentSecond = current >>> 32;
			long count = (currentSecond == (second & 0xffffffffL)) ? current & 0xffffffffL : 0;
			if (count >= this.perSecond) {
				this.drops.droppedOverRate();
				return false;
			}
			long next = ((second & 0xffffffffL) << 32) | (count + 1);
			if (this.secondAndCount.compareAndSet(current, next)) {
				return true;
			}
		}
	}

}
