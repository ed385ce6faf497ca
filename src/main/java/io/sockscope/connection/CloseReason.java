package io.sockscope.connection;

import java.util.Locale;

/**
 * Why a connection was closed; the {@code reason} tag of
 * {@code sockscope.connections.closed}.
 */
public enum CloseReason {

	/**
	 * The client closed or reset the connection, or ended an exchange that closes it (end
	 * of stream on {@code raw} framing).
	 */
	CLIENT,

	/**
	 * The connection was silent for longer than the idle timeout.
	 */
	IDLE,

	/**
	 * The server closed it after a protocol error, such as an oversize frame.
	 */
	ERROR,

	/**
	 * The listener already had its maximum number of connections.
	 */
	LIMIT,

	/**
	 * The client stopped reading: its replies made no progress for the write timeout.
	 */
	TIMEOUT,

	/**
	 * The server shut down.
	 */
	SHUTDOWN;

	/**
	 * The tag value.
	 * @return lowercase name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
