package io.sockscope.inspect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the inspection log of one listener: one INFO line per frame on the
 * {@code sockscope.frames} logger, and one per connection event on
 * {@code sockscope.connections}. Each line is {@code key=value} pairs; the same pairs are
 * attached as structured key-values, so {@code logging.structured.format.console=ecs}
 * carries them as JSON fields.
 */
public final class InspectionLog {

	private static final Logger frames = LoggerFactory.getLogger("sockscope.frames");

	private static final Logger connections = LoggerFactory.getLogger("sockscope.connections");

	/**
	 * Renders the server's own detail messages; they may quote what a peer announced.
	 */
	private static final PayloadRenderer DETAIL = new PayloadRenderer(PayloadFormat.TEXT, 4096);

	private final PayloadRenderer renderer;

	public InspectionLog(PayloadRenderer renderer) {
		this.renderer = renderer;
	}

	/**
	 * Whether frame lines are written at all; callers may skip work when not.
	 * @return {@code true} if the frame logger is enabled for INFO
	 */
	public boolean logsFrames() {
		return frames.isInfoEnabled();
	}

	/**
	 * Log one frame.
	 * @param connection the connection
	 * @param direction which way it went
	 * @param payload its payload
	 */
	public void frame(ConnectionLabel connection, Direction direction, byte[] payload) {
		if (!frames.isInfoEnabled()) {
			return;
		}
		Line line = new Line(frames.atInfo(), "frame", connection).add("direction", direction)
			.add("bytes", payload.length);
		if (this.renderer.showsPayload()) {
			line.add("payload", this.renderer.render(payload));
		}
		int omitted = this.renderer.omitted(payload.length);
		if (omitted > 0 && this.renderer.showsPayload()) {
			line.add("omitted", omitted);
		}
		line.log();
	}

	/**
	 * Log a connection accepted.
	 * @param connection the connection
	 */
	public void opened(ConnectionLabel connection) {
		if (connections.isInfoEnabled()) {
			new Line(connections.atInfo(), "open", connection).log();
		}
	}

	/**
	 * Log a connection closed.
	 * @param connection the connection
	 * @param reason why it closed
	 * @param duration how long it was open
	 * @param received bytes read from it
	 * @param sent bytes written to it
	 */
	public void closed(ConnectionLabel connection, String reason, Duration duration, long received, long sent) {
		if (connections.isInfoEnabled()) {
			new Line(connections.atInfo(), "close", connection).add("reason", reason)
				.add("duration", duration.toMillis() + "ms")
				.add("received", received)
				.add("sent", sent)
				.log();
		}
	}

	/**
	 * Log a client mistake or a fault the server handled, such as an oversize frame. Not an
	 * error for an operator: the connection is dealt with and counted.
	 * @param connection the connection
	 * @param kind the kind of error
	 * @param detail what happened, in words of the server's own (never peer bytes)
	 */
	public void problem(ConnectionLabel connection, String kind, String detail) {
		if (connections.isInfoEnabled()) {
			new Line(connections.atInfo(), "error", connection).add("kind", kind)
				.add("detail", DETAIL.render(detail.getBytes(StandardCharsets.UTF_8)))
				.log();
		}
	}

	/**
	 * One log line being assembled: the message text and the structured pairs together.
	 */
	private static final class Line {

		private final LoggingEventBuilder event;

		private final StringBuilder message;

		Line(LoggingEventBuilder event, String what, ConnectionLabel connection) {
			this.event = event;
			this.message = new StringBuilder(128).append(what);
			add("listener", connection.listener());
			add("conn", connection.id());
			add("peer", connection.peer());
		}

		Line add(String key, Object value) {
			this.message.append(' ').append(key).append('=').append(value);
			this.event.addKeyValue(key, value);
			return this;
		}

		void log() {
			this.event.setMessage(this.message.toString()).log();
		}

	}

}
