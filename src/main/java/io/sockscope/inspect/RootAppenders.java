package io.sockscope.inspect;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Passes each line to whatever appenders the root logger has when the line is written:
 * those Spring Boot's logging configured, console, file or structured. The
 * {@link InspectionAppender} writes through it rather than holding those appenders
 * itself, since an asynchronous appender stops the appenders it holds when it stops.
 */
final class RootAppenders extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private final Logger root;

	RootAppenders(Logger root) {
		this.root = root;
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.root.callAppenders(event);
	}

}
