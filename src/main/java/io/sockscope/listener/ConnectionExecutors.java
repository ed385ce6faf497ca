package io.sockscope.listener;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates the executor that runs a listener's accept loop and its connections, one task
 * per connection for the connection's lifetime. On Java 21 and later the accept loop has
 * a platform thread, up to {@code platform-threads} connections at once run on pooled
 * platform threads, and the connections beyond them on virtual threads. On Java 17 every
 * connection runs on a bounded pool of platform threads, sized for
 * {@code max-connections}, so that a flood of connections cannot exhaust the machine.
 */
final class ConnectionExecutors {

	private static final int FIRST_VIRTUAL_THREADS_RELEASE = 21;

	/**
	 * Room above {@code max-connections} for the accept loop, connections rejected at the
	 * limit, and threads still finishing a connection that has just closed.
	 */
	private static final int SPARE_THREADS = 16;

	private ConnectionExecutors() {
	}

	static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= FIRST_VIRTUAL_THREADS_RELEASE;
	}

	static TaskExecutor create(String listenerName, int maxConnections, int platformThreads) {
		String prefix = "sockscope-" + listenerName + "-";
		if (virtualThreadsAvailable()) {
			SimpleAsyncTaskExecutor acceptor = new SimpleAsyncTaskExecutor(prefix + "accept-");
			acceptor.setDaemon(true);
			SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor(prefix + "virtual-");
			virtual.setVirtualThreads(true);
			ThreadPoolTaskExecutor platform = (platformThreads > 0)
					? platformPool(prefix, platformThreads, (task, pool) -> virtual.execute(task)) : null;
			return new MixedConnections(acceptor, platform, virtual);
		}
		// only reached past the spare threads; the acceptor then runs the connection's
		// task itself, which for a connection over the limit just closes it
		return platformPool(prefix, maxConnections + SPARE_THREADS, new ThreadPoolExecutor.CallerRunsPolicy());
	}

	private static ThreadPoolTaskExecutor platformPool(String prefix, int threads, RejectedExecutionHandler whenFull) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setThreadNamePrefix(prefix);
		pool.setCorePoolSize(1);
		pool.setMaxPoolSize(threads);
		// no queue: a connection starts on an idle thread, a new one, or not at all
		pool.setQueueCapacity(0);
		pool.setKeepAliveSeconds(60);
		pool.setAllowCoreThreadTimeOut(true);
		pool.setRejectedExecutionHandler(whenFull);
		pool.initialize();
		return pool;
	}

	static void shutdown(TaskExecutor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
		else if (executor instanceof MixedConnections mixed) {
			mixed.acceptor().close();
			if (mixed.platform() != null) {
				mixed.platform().shutdown();
			}
			mixed.virtual().close();
		}
	}

	/**
	 * Runs the accept loop on a platform thread of its own, and each connection on a
	 * pooled platform thread while one is free, else on a virtual thread. A virtual thread
	 * that would block in a read or an accept parks, and the JDK's poller and then a
	 * carrier thread wake it: two hand-offs that a platform thread, woken by the kernel,
	 * does not make. They cost little throughput but about double the tail latency, so the
	 * accept loop and the first connections get platform threads, and virtual threads keep
	 * a listener with thousands of mostly idle connections small.
	 */
	private record MixedConnections(SimpleAsyncTaskExecutor acceptor, @Nullable ThreadPoolTaskExecutor platform,
			SimpleAsyncTaskExecutor virtual) implements TaskExecutor {

		@Override
		public void execute(Runnable task) {
			if (task instanceof ListenerConnectionFactory) {
				this.acceptor.execute(task);
			}
			else if (this.platform != null) {
				this.platform.execute(task);
			}
			else {
				this.virtual.execute(task);
			}
		}

	}

}
