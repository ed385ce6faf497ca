package io.sockscope.connection;

import java.time.Duration;
import java.util.List;

/**
 * Receives what happens on a listener's connections: the engine calls one observer and
 * nothing else, and metrics and the inspection log are observers. Every method is called
 * on the connection's I/O thread or its worker, never concurrently for one connection;
 * implementations must be quick and must not block.
 */
public interface ConnectionObserver {

	/**
	 * A connection was accepted.
	 * @param connection the connection
	 */
	default void opened(ConnectionLabel connection) {
	}

	/**
	 * Bytes were read from the socket, framing included.
	 * @param connection the connection
	 * @param count how many
	 */
	default void bytesReceived(ConnectionLabel connection, int count) {
	}

	/**
	 * Bytes were written to the socket, framing included.
	 * @param connection the connection
	 * @param count how many
	 */
	default void bytesSent(ConnectionLabel connection, int count) {
	}

	/**
	 * A frame was read.
	 * @param connection the connection
	 * @param payload its payload; not to be changed or kept beyond the call's effects
	 */
	default void frameReceived(ConnectionLabel connection, byte[] payload) {
	}

	/**
	 * A frame was written: a reply, or an error frame.
	 * @param connection the connection
	 * @param payload its payload
	 * @param handlingNanos time from the read that completed the frame it answers to now,
	 * or -1 if it answers no frame
	 */
	default void frameSent(ConnectionLabel connection, byte[] payload, long handlingNanos) {
	}

	/**
	 * An error frame was written: the server's answer to something it could not handle,
	 * such as an oversize frame, instead of a reply.
	 * @param connection the connection
	 * @param payload its payload
	 */
	default void errorFrameSent(ConnectionLabel connection, byte[] payload) {
	}

	/**
	 * A client mistake or a fault the server dealt with, such as an oversize frame.
	 * @param connection the connection
	 * @param kind what kind
	 * @param detail what happened, in the server's own words
	 */
	default void error(ConnectionLabel connection, ErrorKind kind, String detail) {
	}

	/**
	 * A connection closed.
	 * @param connection the connection
	 * @param reason why
	 * @param openFor how long it was open
	 * @param received bytes read from it in all
	 * @param sent bytes written to it in all
	 */
	default void closed(ConnectionLabel connection, CloseReason reason, Duration openFor, long received, long sent) {
	}

	/**
	 * One observer that tells each of the given ones, in order.
	 * @param observers the observers
	 * @return the composite
	 */
	static ConnectionObserver of(ConnectionObserver... observers) {
		return (observers.length == 1) ? observers[0] : new CompositeConnectionObserver(List.of(observers));
	}

}
