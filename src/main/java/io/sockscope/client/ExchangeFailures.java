package io.sockscope.client;

import java.io.Serial;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.springframework.integration.MessageTimeoutException;

/**
 * Turns what an outbound gateway throws into an {@link ExchangeException} whose message
 * says in one line what failed, where and why.
 */
final class ExchangeFailures {

	private ExchangeFailures() {
	}

	static ExchangeException describe(Upstream upstream, RuntimeException ex) {
		String address = upstream.address();
		String timeout = upstream.timeout().toMillis() + "ms";
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException) {
				return new ExchangeException("Cannot connect to " + address + ": unknown host", ex);
			}
			if (cause instanceof ConnectTimeoutException) {
				return new ExchangeException("Cannot connect to " + address + " within " + timeout, ex);
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return new ExchangeException("Cannot connect to " + address + ": " + reason(cause), ex);
			}
			if (cause instanceof MessageTimeoutException || cause instanceof SocketTimeoutException) {
				return new ExchangeException("No reply from " + address + " within " + timeout, ex);
			}
		}
		return new ExchangeException("Connection to " + address + " failed: " + reason(rootCause(ex)), ex);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String reason(Throwable cause) {
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.lines().findFirst().orElse(message)
				: cause.getClass().getSimpleName();
	}

	/**
	 * The deadline of an exchange passed before its connection was established.
	 */
	static final class ConnectTimeoutException extends ConnectException {

		@Serial
		private static final long serialVersionUID = 1L;

		ConnectTimeoutException() {
			super("Connect timed out");
		}

	}

}
