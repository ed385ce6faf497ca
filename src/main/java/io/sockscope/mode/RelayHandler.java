package io.sockscope.mode;

import java.nio.charset.StandardCharsets;

import io.sockscope.client.ExchangeException;
import io.sockscope.client.FrameExchange;
import io.sockscope.framing.Frame;
import io.sockscope.framing.Received;
import io.sockscope.connection.ErrorKind;
import io.sockscope.metrics.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@code relay} mode: each frame goes to the upstream, and the upstream's reply comes
 * back in the listener's framing. An upstream that cannot be reached or does not answer
 * in time gets the client one error frame instead, and the client's connection stays
 * open for the next try.
 */
final class RelayHandler implements FrameHandler {

	private static final Log logger = LogFactory.getLog(RelayHandler.class);

	private final String listener;

	private final FrameExchange upstream;

	private final TrafficRecorder recorder;

	RelayHandler(String listener, FrameExchange upstream, TrafficRecorder recorder) {
		this.listener = listener;
		this.upstream = upstream;
		this.recorder = recorder;
	}

	@Override
	public Reply handle(Received received) {
		Frame frame = (Frame) received;
		long start = System.nanoTime();
		try {
			Frame reply = this.upstream.exchange(Frame.of(frame.payload()));
			this.recorder.upstreamRoundTrip(System.nanoTime() - start);
			return Reply.of(frame.withPayload(reply.payload()));
		}
		catch (ExchangeException ex) {
			this.recorder.error(ErrorKind.UPSTREAM);
			logger.warn("Listener '" + this.listener + "' relay failed: " + ex.getMessage());
			return Reply.of(frame.withPayload(("error: " + ex.getMessage()).getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Override
	public void close() {
		this.upstream.close();
	}

}
