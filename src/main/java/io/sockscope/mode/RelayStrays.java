package io.sockscope.mode;

import io.sockscope.client.Upstream;
import io.sockscope.client.UpstreamStrays;
import io.sockscope.connection.ErrorKind;
import io.sockscope.framing.Frame;
import io.sockscope.inspect.PayloadRenderer;
import io.sockscope.metrics.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs and counts what a relay's upstream sent that no request was waiting for: one line
 * each, the payload escaped as in the inspection log, and an {@code upstream} error. The
 * connection it came on is closed already.
 */
final class RelayStrays implements UpstreamStrays {

	private static final Log logger = LogFactory.getLog(RelayHandler.class);

	private final String listener;

	private final String upstream;

	private final PayloadRenderer renderer;

	private final TrafficRecorder recorder;

	RelayStrays(String listener, Upstream upstream, PayloadRenderer renderer, TrafficRecorder recorder) {
		this.listener = listener;
		this.upstream = upstream.address();
		this.renderer = renderer;
		this.recorder = recorder;
	}

	@Override
	public void unsolicitedFrame(Frame frame) {
		this.recorder.error(ErrorKind.UPSTREAM);
		if (logger.isWarnEnabled()) {
			StringBuilder line = new StringBuilder(128).append("Listener '")
				.append(this.listener)
				.append("' relay closed its connection to ")
				.append(this.upstream)
				.append(", which sent a frame no request was waiting for: bytes=")
				.append(frame.size());
			if (this.renderer.showsPayload()) {
				line.append(" payload=").append(this.renderer.render(frame.payload()));
				int omitted = this.renderer.omitted(frame.size());
				if (omitted > 0) {
					line.append(" omitted=").append(omitted);
				}
			}
			logger.warn(line);
		}
	}

	@Override
	public void unfinishedFrame(long bytes) {
		this.recorder.error(ErrorKind.UPSTREAM);
		logger.warn("Listener '" + this.listener + "' relay closed its connection to " + this.upstream + " with "
				+ bytes + " bytes after the last reply that no request was waiting for");
	}

}
