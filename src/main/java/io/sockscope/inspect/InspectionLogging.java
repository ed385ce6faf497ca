package io.sockscope.inspect;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Takes the inspection log off the I/O path: while the application runs, the lines of
 * {@code sockscope.frames} and {@code sockscope.connections} go through one bounded
 * {@link InspectionAppender} to wherever Spring Boot's logging sends every other line,
 * and every interval one line per listener says how many lines were left out. Starts
 * before the listeners and stops after them, so their last lines are written.
 */
public class InspectionLogging implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InspectionLogging.class);

	private static final String[] LOGGERS = { InspectionLog.FRAMES_LOGGER, InspectionLog.CONNECTIONS_LOGGER };

	private static final long LEVELS_REFRESH_MILLIS = 1000;

	private final int queueSize;

	private final Duration summaryInterval;

	private final Map<String, LogDrops> drops = new ConcurrentHashMap<>();

	private final Map<String, InspectionLog> logs = new ConcurrentHashMap<>();

	private @Nullable InspectionAppender appender;

	private @Nullable ScheduledExecutorService summaries;

	/**
	 * @param queueSize lines the queue holds before it drops
	 * @param summaryInterval how often to say how many lines were left out
	 */
	public InspectionLogging(int queueSize, Duration summaryInterval) {
		this.queueSize = queueSize;
		this.summaryInterval = summaryInterval;
	}

	/**
	 * Create a listener's inspection log: its lines go through this queue, the lines it
	 * leaves out are counted and summed up, and it follows the logging levels, asked once
	 * a second.
	 * @param listener the listener's name
	 * @param renderer how its payloads are shown
	 * @param linesPerSecond most lines it writes each second, 0 for no limit
	 * @return the log
	 */
	public InspectionLog register(String listener, PayloadRenderer renderer, int linesPerSecond) {
		LogDrops listenerDrops = new LogDrops();
		InspectionLog log = new InspectionLog(renderer, linesPerSecond, listenerDrops);
		this.drops.put(listener, listenerDrops);
		this.logs.put(listener, log);
		return log;
	}

	/**
	 * Stop counting for a listener that stopped, after a last summary of what it left
	 * out.
	 * @param listener the listener's name
	 */
	public void unregister(String listener) {
		this.logs.remove(listener);
		LogDrops listenerDrops = this.drops.remove(listener);
		if (listenerDrops != null) {
			summarize(listener, listenerDrops);
		}
	}

	@Override
	public synchronized void start() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		InspectionAppender async = new InspectionAppender(this.drops::get);
		async.setContext(context);
		async.setName("SOCKSCOPE_INSPECTION");
		async.setQueueSize(this.queueSize);
		RootAppenders root = new RootAppenders(context.getLogger(Logger.ROOT_LOGGER_NAME));
		root.setContext(context);
		root.start();
		async.addAppender(root);
		async.start();
		for (String name : LOGGERS) {
			Logger inspection = context.getLogger(name);
			inspection.addAppender(async);
			inspection.setAdditive(false);
		}
		this.appender = async;
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sockscope-log-summary");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, this.summaryInterval.toMillis());
		scheduler.scheduleAtFixedRate(this::summarizeAll, period, period, TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(() -> this.logs.values().forEach(InspectionLog::refreshLevels),
				LEVELS_REFRESH_MILLIS, LEVELS_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
		this.summaries = scheduler;
	}

	private void summarizeAll() {
		this.drops.forEach(this::summarize);
	}

	private void summarize(String listener, LogDrops listenerDrops) {
		long[] since = listenerDrops.sinceLastReport();
		if (since[0] > 0 || since[1] > 0) {
			logger.info(String.format(
					"Listener '%s' left %,d inspection log line(s) out in the last %ss: %,d over "
							+ "its log.lines-per-second, %,d with the log queue full",
					listener, since[0] + since[1], this.summaryInterval.toSeconds(), since[0], since[1]));
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.summaries;
		this.summaries = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		InspectionAppender async = this.appender;
		this.appender = null;
		if (async != null && async.getContext() instanceof LoggerContext context) {
			for (String name : LOGGERS) {
				Logger inspection = context.getLogger(name);
				inspection.detachAppender(async);
				inspection.setAdditive(true);
			}
			// writes what is queued, for at most the appender's flush time
			async.stop();
		}
		summarizeAll();
	}

	@Override
	public boolean isRunning() {
		return this.appender != null;
	}

	/**
	 * Just before the listeners start, and so just after they stop.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

}
