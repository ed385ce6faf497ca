package io.sockscope.mode;

/**
 * How a {@code relay} listener shares its upstream connections among its clients.
 */
public enum RelayConnections {

	/**
	 * Each client connection gets an upstream connection of its own, opened when its
	 * first frame needs one and closed when the client goes, as a TCP proxy does: the
	 * upstream sees one connection per client, and whatever it sends on one reaches only
	 * that client.
	 */
	PER_CLIENT,

	/**
	 * The listener's clients take turns on a shared pool of at most
	 * {@code relay.pool-size} upstream connections. A connection goes back to the pool
	 * only if it carried exactly one reply and nothing else; one that timed out or sent
	 * more is closed. Fewer upstream connections, but an upstream that sends a frame
	 * unasked at the moment a connection changes hands can still answer another client's
	 * frame with it.
	 */
	POOLED

}
