package io.sockscope.metrics;

import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ErrorKind;

/**
 * Records the traffic of one listener. The I/O path calls this and nothing else to report
 * what it sees; how it is measured is up to the implementation.
 */
public interface TrafficRecorder {

	/**
	 * A connection was accepted.
	 */
	void connectionOpened();

	/**
	 * A connection was closed.
	 * @param reason why
	 */
	void connectionClosed(CloseReason reason);

	/**
	 * Bytes were read from a client.
	 * @param count how many
	 */
	void bytesReceived(int count);

	/**
	 * Bytes were written to a client.
	 * @param count how many
	 */
	void bytesSent(int count);

	/**
	 * A frame was read.
	 * @param payloadSize its payload size in bytes
	 */
	void frameReceived(int payloadSize);

	/**
	 * A frame was written.
	 * @param payloadSize its payload size in bytes
	 */
	void frameSent(int payloadSize);

	/**
	 * An error frame was written instead of a reply.
	 */
	void errorFrameSent();

	/**
	 * A frame was handled: its reply is written.
	 * @param nanos time from the read that completed the frame to the reply written
	 */
	void frameHandled(long nanos);

	/**
	 * An error occurred.
	 * @param kind what kind
	 */
	void error(ErrorKind kind);

	/**
	 * A relayed frame made a round trip to the upstream.
	 * @param nanos how long it took
	 */
	void upstreamRoundTrip(long nanos);

}
