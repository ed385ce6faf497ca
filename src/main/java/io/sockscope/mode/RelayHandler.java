package io.sockscope.mode;

import java.nio.charset.StandardCharsets;

import io.sockscope.client.ExchangeException;
import io.sockscope.client.Upstream;
import io.sockscope.client.UpstreamSession;
import io.sockscope.client.UpstreamSessionFactory;
import io.sockscope.connection.ErrorKind;
import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Framing;
import io.sockscope.framing.Received;
import io.sockscope.metrics.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@code relay} mode: each frame goes to the upstream, and the upstream's reply comes
 * back in the listener's framing. A client only ever gets the replies to its own frames:
 * a frame the upstream's framing cannot carry as it is, which the upstream would read as
 * several, is never sent; an exchange runs on a session that carries one reply per
 * request ({@link UpstreamSession}); and sessions are shared among clients only as
 * {@link RelayConnections} allows. An upstream that cannot be reached, does not answer in
 * time or answers wrongly gets the client one error frame instead, and the client's
 * connection stays open for the next try.
 */
final class RelayHandler implements FrameHandler {

	private static final Log logger = LogFactory.getLog(RelayHandler.class);

	private final String listener;

	private final Upstream upstream;

	private final FrameCodec upstreamCodec;

	private final FrameCodec listenerCodec;

	private final String listenerFraming;

	private final UpstreamSessionFactory sessionFactory;

	private final RelaySessions sessions;

	private final TrafficRecorder recorder;

	RelayHandler(String listener, Framing listenerFraming, int maxFrameSize, UpstreamSessionFactory sessionFactory,
			RelaySessions sessions, TrafficRecorder recorder) {
		this.listener = listener;
		this.upstream = sessionFactory.upstream();
		this.upstreamCodec = this.upstream.framing().newCodec(this.upstream.maxFrameSize());
		this.listenerCodec = listenerFraming.newCodec(maxFrameSize);
		this.listenerFraming = listenerFraming.displayName();
		this.sessionFactory = sessionFactory;
		this.sessions = sessions;
		this.recorder = recorder;
	}

	@Override
	public Reply handle(String connectionId, Received received) {
		Frame frame = (Frame) received;
		long start = System.nanoTime();
		// waiting for a pooled connection, connecting and the reply share one deadline
		long deadline = start + this.upstream.timeout().toNanos();
		String unfit = this.upstreamCodec.whyCannotCarry(frame.payload());
		if (unfit != null) {
			return error(frame,
					"frame cannot be relayed in " + this.upstream.framing().displayName() + " framing: " + unfit);
		}
		Frame reply;
		try {
			UpstreamSession session = this.sessions.acquire(connectionId, deadline);
			try {
				reply = session.exchange(Frame.of(frame.payload()), deadline);
			}
			finally {
				this.sessions.release(connectionId, session);
			}
		}
		catch (ExchangeException ex) {
			return error(frame, String.valueOf(ex.getMessage()));
		}
		this.recorder.upstreamRoundTrip(System.nanoTime() - start);
		unfit = this.listenerCodec.whyCannotCarry(reply.payload());
		if (unfit != null) {
			return error(frame, "reply cannot be relayed in " + this.listenerFraming + " framing: " + unfit);
		}
		return Reply.of(frame.withPayload(reply.payload()));
	}

	private Reply error(Frame frame, String message) {
		this.recorder.error(ErrorKind.UPSTREAM);
		logger.warn("Listener '" + this.listener + "' relay failed: " + message);
		return Reply.of(frame.withPayload(("error: " + message).getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public void connectionClosed(String connectionId) {
		this.sessions.connectionClosed(connectionId);
	}

	@Override
	public void close() {
		this.sessions.close();
		this.sessionFactory.close();
	}

}
