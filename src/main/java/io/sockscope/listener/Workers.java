package io.sockscope.listener;

import java.util.concurrent.Executor;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates the executor that handles the frames of a listener whose mode blocks (relay),
 * so that an event-loop thread never waits: a virtual thread per frame on Java 21 and
 * later, a pool of platform threads on Java 17. A connection hands a worker one frame at
 * a time, so the pool's queue holds at most one task per connection.
 */
final class Workers {

	private static final int FIRST_VIRTUAL_THREADS_RELEASE = 21;

	private Workers() {
	}

	static Executor create(String listenerName, int platformThreads) {
		String prefix = "sockscope-" + listenerName + "-worker-";
		if (Runtime.version().feature() >= FIRST_VIRTUAL_THREADS_RELEASE) {
			SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor(prefix);
			virtual.setVirtualThreads(true);
			return virtual;
		}
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setThreadNamePrefix(prefix);
		pool.setDaemon(true);
		pool.setCorePoolSize(Math.max(1, platformThreads));
		pool.setMaxPoolSize(Math.max(1, platformThreads));
		pool.setKeepAliveSeconds(60);
		pool.setAllowCoreThreadTimeOut(true);
		pool.initialize();
		return pool;
	}

	static void shutdown(Executor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
		else if (executor instanceof SimpleAsyncTaskExecutor virtual) {
			virtual.close();
		}
	}

}
