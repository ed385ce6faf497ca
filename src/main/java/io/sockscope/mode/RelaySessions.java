package io.sockscope.mode;

import io.sockscope.client.ExchangeException;
import io.sockscope.client.UpstreamSession;

/**
 * Which upstream session carries each frame of a {@code relay} listener's clients, as
 * {@link RelayConnections} says.
 */
interface RelaySessions extends AutoCloseable {

	/**
	 * Take the session that carries a client's next frame.
	 * @param connectionId the client connection
	 * @param deadline when the frame's exchange must be done by
	 * ({@link System#nanoTime()})
	 * @return the session; {@link #release release} it after the exchange
	 * @throws ExchangeException if no session is free by the deadline
	 */
	UpstreamSession acquire(String connectionId, long deadline);

	/**
	 * Give back a session after its exchange, whatever the outcome: the session has
	 * closed its connection already unless it is clean.
	 * @param connectionId the client connection it was acquired for
	 * @param session the session
	 */
	void release(String connectionId, UpstreamSession session);

	/**
	 * A client connection is done; no frame of it is being relayed.
	 * @param connectionId the client connection
	 */
	void connectionClosed(String connectionId);

	/**
	 * Close every session.
	 */
	@Override
	void close();

}
