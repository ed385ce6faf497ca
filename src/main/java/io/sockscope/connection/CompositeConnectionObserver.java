package io.sockscope.connection;

import java.time.Duration;
import java.util.List;

/**
 * Tells every one of several observers, in order.
 */
final class CompositeConnectionObserver implements ConnectionObserver {

	private final ConnectionObserver[] observers;

	CompositeConnectionObserver(List<ConnectionObserver> observers) {
		this.observers = observers.toArray(ConnectionObserver[]::new);
	}

	@Override
	public void opened(ConnectionLabel connection) {
		for (ConnectionObserver observer : this.observers) {
			observer.opened(connection);
		}
	}

	@Override
	public void bytesReceived(ConnectionLabel connection, int count) {
		for (ConnectionObserver observer : this.observers) {
			observer.bytesReceived(connection, count);
		}
	}

	@Override
	public void bytesSent(ConnectionLabel connection, int count) {
		for (ConnectionObserver observer : this.observers) {
			observer.bytesSent(connection, count);
		}
	}

	@Override
	public void frameReceived(ConnectionLabel connection, byte[] payload) {
		for (ConnectionObserver observer : this.observers) {
			observer.frameReceived(connection, payload);
		}
	}

	@Override
	public void frameSent(ConnectionLabel connection, byte[] payload, long handlingNanos) {
		for (ConnectionObserver observer : this.observers) {
			observer.frameSent(connection, payload, handlingNanos);
		}
	}

	@Override
	public void errorFrameSent(ConnectionLabel connection, byte[] payload) {
		for (ConnectionObserver observer : this.observers) {
			observer.errorFrameSent(connection, payload);
		}
	}

	@Override
	public void error(ConnectionLabel connection, ErrorKind kind, String detail) {
		for (ConnectionObserver observer : this.observers) {
			observer.error(connection, kind, detail);
		}
	}

	@Override
	public void closed(ConnectionLabel connection, CloseReason reason, Duration openFor, long received, long sent) {
		for (ConnectionObserver observer : this.observers) {
			observer.closed(connection, reason, openFor, received, sent);
		}
	}

}
