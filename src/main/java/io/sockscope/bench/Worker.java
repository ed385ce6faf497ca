package io.sockscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * One selector thread driving its share of the clients through the phases of a
 * {@link RunClock}, counting into its own {@link Tally}.
 */
final class Worker implements Runnable {

	private static final long TICK_NANOS = 10_000_000L;

	private static final long SELECT_MILLIS = 10;

	/**
	 * Connects in flight at once per worker, so that opening thousands of connections
	 * does not overflow the server's accept backlog.
	 */
	private static final int CONNECT_PERMITS = 128;

	private static final int READ_BUFFER_SIZE = 64 * 1024;

	private final BenchPlan plan;

	private final RunClock clock;

	private final HoldProgress progress;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);

	private final Tally tally = new Tally();

	private final List<Slot> slots = new ArrayList<>();

	private int connectPermits = CONNECT_PERMITS;

	/**
	 * Create the worker for one share of the clients.
	 * @param plan the plan
	 * @param clock the run's clock
	 * @param progress the shared count of held connections
	 * @param index this worker's number, from 0
	 */
	Worker(BenchPlan plan, RunClock clock, HoldProgress progress, int index) {
		this.plan = plan;
		this.clock = clock;
		this.progress = progress;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (int client = index; client < plan.connections(); client += plan.threads()) {
			this.slots
				.add((plan.mode() == BenchMode.CONNECT) ? new ConnectSlot(this, client) : new EchoSlot(this, client));
		}
	}

	@Override
	public void run() {
		try {
			long lastTick = System.nanoTime() - TICK_NANOS;
			boolean draining = false;
			while (true) {
				long now = System.nanoTime();
				if (!draining && !this.clock.running(now)) {
					draining = true;
					this.slots.forEach((slot) -> slot.drain(now));
				}
				if (this.clock.over(now)) {
					this.slots.forEach((slot) -> slot.expire(now));
					return;
				}
				if (now - lastTick >= TICK_NANOS) {
					lastTick = now;
					this.slots.forEach((slot) -> slot.tick(now));
					if (draining && this.slots.stream().allMatch(Slot::finished)) {
						return;
					}
				}
				this.selector.select(this::dispatch, SELECT_MILLIS);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.slots.forEach(Slot::close);
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// the run is over either way
			}
		}
	}

	private void dispatch(SelectionKey key) {
		if (key.isValid()) {
			((Slot) key.attachment()).ready(key, System.nanoTime());
		}
	}

	boolean acquireConnectPermit() {
		if (this.connectPermits == 0) {
			return false;
		}
		this.connectPermits--;
		return true;
	}

	void releaseConnectPermit() {
		this.connectPermits++;
	}

	BenchPlan plan() {
		return this.plan;
	}

	RunClock clock() {
		return this.clock;
	}

	HoldProgress progress() {
		return this.progress;
	}

	Selector selector() {
		return this.selector;
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	Tally tally() {
		return this.tally;
	}

}
