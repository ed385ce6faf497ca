package io.sockscope.inspect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ConnectionLabel;
import io.sockscope.connection.ConnectionObserver;
import io.sockscope.connection.ErrorKind;

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
public final class InspectionLog implements ConnectionObserver {

	static final String FRAMES_LOGGER = "sockscope.frames";

	static final String CONNECTIONS_LOGGER = "sockscope.connections";

	private static final Logger frames = LoggerFactory.getLogger(FRAMES_LOGGER);

	private static final Logger connections = LoggerFactory.getLogger(CONNECTIONS_LOGGER);

	/**
	 * Renders the server's own detail messages; they may quote what a peer announced.
	 */
	private static final PayloadRenderer DETAIL = new PayloadRenderer(PayloadFormat.TEXT, 4096);

	private final PayloadRenderer renderer;

	private final LogLineBudget budget;

	private final LogDrops drops;

	/**
	 * Whether the frame and connection loggers are on at INFO: asked of Logback once a
	 * second ({@link #refreshLevels()}) instead of twice per frame, where its turbo
	 * filter chain was a measurable share of a frame's cost.
	 */
	private volatile boolean framesOn = frames.isInfoEnabled();

	private volatile boolean connectionsOn = connections.isInfoEnabled();

	/**
	 * Create the inspection log of one listener.
	 * @param renderer how payloads are shown
	 * @param linesPerSecond most lines written each second, 0 for no limit
	 * @param drops where lines left out are counted
	 */
	InspectionLog(PayloadRenderer renderer, int linesPerSecond, LogDrops drops) {
		this.renderer = renderer;
		this.drops = drops;
		this.budget = new LogLineBudget(linesPerSecond, drops);
	}

	/**
	 * The lines this log left out.
	 * @return the counts
	 */
	public LogDrops drops() {
		return this.drops;
	}

	/**
	 * Ask the logging system again whether frame and connection lines are on, after a
	 * level may have changed.
	 */
	public void refreshLevels() {
		this.framesOn = frames.isInfoEnabled();
		this.connectionsOn = connections.isInfoEnabled();
	}

	@Override
	public void frameReceived(ConnectionLabel connection, byte[] payload) {
		frame(connection, Direction.IN, payload);
	}

	@Override
	public void frameSent(ConnectionLabel connection, byte[] payload, long handlingNanos) {
		frame(connection, Direction.OUT, payload);
	}

	@Override
	public void errorFrameSent(ConnectionLabel connection, byte[] payload) {
		frame(connection, Direction.OUT, payload);
	}

	/**
	 * Log one frame.
	 * @param connection the connection
	 * @param direction which way it went
	 * @param payload its payload
	 */
	public void frame(ConnectionLabel connection, Direction direction, byte[] payload) {
		if (!this.framesOn || !this.budget.take()) {
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

	@Override
	public void opened(ConnectionLabel connection) {
		if (this.connectionsOn && this.budget.take()) {
			new Line(connections.atInfo(), "open", connection).log();
		}
	}

	@Override
	public void closed(ConnectionLabel connection, CloseReason reason, Duration openFor, long received, long sent) {
		if (this.connectionsOn && this.budget.take()) {
			new Line(connections.atInfo(), "close", connection).add("reason", reason.tagValue())
				.add("duration", openFor.toMillis() + "ms")
				.add("received", received)
				.add("sent", sent)
				.log();
		}
	}

	/**
	 * Log a client mistake or a fault the server handled, such as an oversize frame. Not
	 * an error for an operator: the connection is dealt with and counted.
	 */
	@Override
	public void error(ConnectionLabel connection, ErrorKind kind, String detail) {
		if (this.connectionsOn && this.budget.take()) {
			new Line(connections.atInfo(), "error", connection).add("kind", kind.tagValue())
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
