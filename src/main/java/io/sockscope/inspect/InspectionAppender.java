package io.sockscope.inspect;

import java.util.function.Function;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's asynchronous appender for the inspection log's lines, so that a slow console
 * or disk never slows a listener: it never blocks, and when its queue is full it drops
 * the line and counts it for the listener the line is about.
 */
final class InspectionAppender extends AsyncAppender {

	private final Function<String, @Nullable LogDrops> dropsByListener;

	InspectionAppender(Function<String, @Nullable LogDrops> dropsByListener) {
		this.dropsByListener = dropsByListener;
		setNeverBlock(true);
		// asked about each line only while the queue is full: see isDiscardable
		setDiscardingThreshold(1);
	}

	/**
	 * Called for a line that arrives while the queue is full: drop it, and count it.
	 */
	@Override
	protected boolean isDiscardable(ILoggingEvent event) {
		LogDrops drops = this.dropsByListener.apply(listenerOf(event));
		if (drops != null) {
			drops.droppedQueueFull();
		}
		return true;
	}

	private static String listenerOf(ILoggingEvent event) {
		if (event.getKeyValuePairs() != null) {
			for (KeyValuePair pair : event.getKeyValuePairs()) {
				if ("listener".equals(pair.key)) {
					return String.valueOf(pair.value);
				}
			}
		}
		return "";
	}

}
