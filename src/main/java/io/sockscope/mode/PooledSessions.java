package io.sockscope.mode;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.sockscope.client.ExchangeException;
import io.sockscope.client.Upstream;
import io.sockscope.client.UpstreamSession;
import io.sockscope.client.UpstreamSessionFactory;

/**
 * {@link RelayConnections#POOLED}: clients take turns on at most {@code pool-size}
 * sessions, waiting for one within their frame's deadline. A session comes back with its
 * connection clean or closed ({@link UpstreamSession}), and checks it again before its
 * next exchange, so a connection that carried anything but one reply never reaches the
 * next client.
 */
final class PooledSessions implements RelaySessions {

	private final UpstreamSessionFactory factory;

	private final Semaphore turns;

	private final Deque<UpstreamSession> idle = new ConcurrentLinkedDeque<>();

	private volatile boolean closed;

	PooledSessions(UpstreamSessionFactory factory, int poolSize) {
		this.factory = factory;
		// fair: clients waiting for a connection get one in the order they asked
		this.turns = new Semaphore(poolSize, true);
	}

	@Override
	public UpstreamSession acquire(String connectionId, long deadline) {
		Upstream upstream = this.factory.upstream();
		try {
			if (!this.turns.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new ExchangeException("No connection to " + upstream.address() + " free within "
						+ upstream.timeout().toMillis() + "ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ExchangeException("Interrupted waiting for a connection to " + upstream.address());
		}
		// the most recently used first: its connection is the likeliest to be open
		UpstreamSession session = this.idle.pollFirst();
		if (session != null) {
			return session;
		}
		try {
			return this.factory.newSession();
		}
		catch (RuntimeException ex) {
			this.turns.release();
			throw ex;
		}
	}

	@Override
	public void release(String connectionId, UpstreamSession session) {
		if (this.closed) {
			session.close();
		}
		else {
			this.idle.offerFirst(session);
		}
		this.turns.release();
	}

	@Override
	public void connectionClosed(String connectionId) {
		// a pooled session belongs to no client
	}

	@Override
	public void close() {
		this.closed = true;
		UpstreamSession session;
		while ((session = this.idle.pollFirst()) != null) {
			session.close();
		}
	}

}
