package io.sockscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link BenchPlan}: one platform thread per {@link Worker}, each with its own
 * selector and share of the clients, then merges what they counted.
 */
final class LoadGenerator {

	private final BenchPlan plan;

	private final Runnable allHeld;

	/**
	 * Create a load generator.
	 * @param plan the plan to run
	 * @param allHeld what to run once every connection is open, in {@code hold} mode
	 */
	LoadGenerator(BenchPlan plan, Runnable allHeld) {
		this.plan = plan;
		this.allHeld = allHeld;
	}

	/**
	 * Run the plan to its end, which is at most warm-up + duration + timeout away.
	 * @return the result
	 * @throws InterruptedException if interrupted while waiting for the workers
	 */
	BenchResult run() throws InterruptedException {
		RunClock clock = RunClock.startingAt(this.plan, System.nanoTime());
		HoldProgress progress = new HoldProgress(this.plan.connections(), this.allHeld);
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < Math.min(this.plan.threads(), this.plan.connections()); i++) {
			workers.add(new Worker(this.plan, clock, progress, i));
		}
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < workers.size(); i++) {
			Thread thread = new Thread(workers.get(i), "sockscope-bench-" + i);
			thread.setUncaughtExceptionHandler((t, ex) -> failure.compareAndSet(null, ex));
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		Throwable ex = failure.get();
		if (ex != null) {
			throw new IllegalStateException("Benchmark worker failed: " + ex, ex);
		}
		Tally total = new Tally();
		workers.forEach((worker) -> total.add(worker.tally()));
		return new BenchResult(this.plan, total, progress.peak());
	}

}
