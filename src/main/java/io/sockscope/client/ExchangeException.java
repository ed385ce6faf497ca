package io.sockscope.client;

/**
 * An exchange with a TCP service failed: its message is one line saying what failed,
 * where, and why, fit for an operator or a terminal.
 */
public class ExchangeException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed, where and why, in one line
	 */
	public ExchangeException(String message) {
		super(message);
	}

	ExchangeException(String message, Throwable cause) {
		super(message, cause);
	}

}
