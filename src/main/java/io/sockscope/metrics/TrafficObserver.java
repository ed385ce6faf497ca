package io.sockscope.metrics;

import java.time.Duration;

import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ConnectionLabel;
import io.sockscope.connection.ConnectionObserver;
import io.sockscope.connection.ErrorKind;

/**
 * Watches a listener's connections for its {@link TrafficRecorder}: the meters are the
 * listener's, so which connection an event came from does not matter here.
 */
public final class TrafficObserver implements ConnectionObserver {

	private final TrafficRecorder recorder;

	public TrafficObserver(TrafficRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void opened(ConnectionLabel connection) {
		this.recorder.connectionOpened();
	}

	@Override
	public void bytesReceived(ConnectionLabel connection, int count) {
		this.recorder.bytesReceived(count);
	}

	@Override
	public void bytesSent(ConnectionLabel connection, int count) {
		this.recorder.bytesSent(count);
	}

	@Override
	public void frameReceived(ConnectionLabel connection, byte[] payload) {
		this.recorder.frameReceived(payload.length);
	}

	@Override
	public void frameSent(ConnectionLabel connection, byte[] payload, long handlingNanos) {
		this.recorder.frameSent(payload.length);
		if (handlingNanos >= 0) {
			this.recorder.frameHandled(handlingNanos);
		}
	}

	@Override
	public void errorFrameSent(ConnectionLabel connection, byte[] payload) {
		this.recorder.errorFrameSent();
	}

	@Override
	public void error(ConnectionLabel connection, ErrorKind kind, String detail) {
		this.recorder.error(kind);
	}

	@Override
	public void closed(ConnectionLabel connection, CloseReason reason, Duration openFor, long received, long sent) {
		this.recorder.connectionClosed(reason);
	}

}
