package io.sockscope.mode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sockscope.client.UpstreamSession;
import io.sockscope.client.UpstreamSessionFactory;

/**
 * {@link RelayConnections#PER_CLIENT}: a session for each client connection, made with
 * its first frame and closed with the connection. A client's frames come one at a time,
 * so its session is never shared, and nothing an upstream connection carries can reach
 * another client.
 */
final class PerClientSessions implements RelaySessions {

	private final UpstreamSessionFactory factory;

	private final Map<String, UpstreamSession> sessions = new ConcurrentHashMap<>();

	PerClientSessions(UpstreamSessionFactory factory) {
		this.factory = factory;
	}

	@Override
	public UpstreamSession acquire(String connectionId, long deadline) {
		// the session connects within the frame's deadline when it exchanges
		return this.sessions.computeIfAbsent(connectionId, (id) -> this.factory.newSession());
	}

	@Override
	public void release(String connectionId, UpstreamSession session) {
		// the client keeps its session until it goes
	}

	@Override
	public void connectionClosed(String connectionId) {
		UpstreamSession session = this.sessions.remove(connectionId);
		if (session != null) {
			session.close();
		}
	}

	@Override
	public void close() {
		this.sessions.values().forEach(UpstreamSession::close);
		this.sessions.clear();
	}

}
