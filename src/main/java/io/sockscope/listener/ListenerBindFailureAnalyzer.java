package io.sockscope.listener;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ListenerBindException} into the one-line start-up failure an operator
 * can act on, without a stack trace.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
		return new FailureAnalysis(cause.getMessage(), "Stop the process using " + cause.getAddress()
				+ ", or set sockscope.listeners." + cause.getListener() + ".port (or .host) to a free address.", cause);
	}

}
