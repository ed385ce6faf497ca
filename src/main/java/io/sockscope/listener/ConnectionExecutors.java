package io.sockscope.listener;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates the executor that runs a listener's accept loop and its connections, one task
 * per connection for the connection's lifetime. On Java 21 and later every connection
 * gets a virtual thread and the accept loop a platform thread; on Java 17 a bounded pool
 * of platform threads, sized for {@code max-connections}, so that a flood of connections
 * cannot exhaust the machine.
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

	static TaskExecutor create(String listenerName, int maxConnections) {
		String prefix = "sockscope-" + listenerName + "-";
		if (virtualThreadsAvailable()) {
			SimpleAsyncTaskExecutor connections = new SimpleAsyncTaskExecutor(prefix);
			connections.setVirtualThreads(true);
			SimpleAsyncTaskExecutor acceptor = new SimpleAsyncTaskExecutor(prefix + "accept-");
			acceptor.setDaemon(true);
			return new VirtualConnections(acceptor, connections);
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(maxConnections + SPARE_THREADS);
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds(60);
		executor.setAllowCoreThreadTimeOut(true);
		// only reached past the spare threads; the acceptor then runs the connection's
		// task itself, which for a connection over the limit just closes it
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		executor.initialize();
		return executor;
	}

	static void shutdown(TaskExecutor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
		else if (executor instanceof VirtualConnections virtual) {
			virtual.acceptor().close();
			virtual.connections().close();
		}
	}

	/**
	 * Runs the accept loop on a platform thread of its own and each connection on a
	 * virtual thread. A virtual thread waiting in {@code accept} is woken through the JDK's
	 * poller and a carrier thread, a round trip added to every new connection.
	 */
	private record VirtualConnections(SimpleAsyncTaskExecutor acceptor,
			SimpleAsyncTaskExecutor connections) implements TaskExecutor {

		@Override
		public void execute(Runnable task) {
			if (task instanceof ListenerConnectionFactory) {
				this.acceptor.execute(task);
			}
			else {
				this.connections.execute(task);
			}
		}

	}

}
