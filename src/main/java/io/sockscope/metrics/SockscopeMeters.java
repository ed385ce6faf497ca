package io.sockscope.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Every meter sockscope registers. Each carries the {@link Tags#LISTENER listener} tag;
 * the Prometheus name follows from the meter name, its type and base unit (for example
 * {@code sockscope.received} counting bytes becomes
 * {@code sockscope_received_bytes_total}).
 */
public enum SockscopeMeters {

	/**
	 * Gauge: connections open now.
	 */
	CONNECTIONS_ACTIVE("sockscope.connections.active", null, "Connections open now"),

	/**
	 * Counter: connections accepted.
	 */
	CONNECTIONS_OPENED("sockscope.connections.opened", null, "Connections accepted"),

	/**
	 * Counter: connections closed, by {@link Tags#REASON reason}.
	 */
	CONNECTIONS_CLOSED("sockscope.connections.closed", null, "Connections closed"),

	/**
	 * Counter: bytes read from clients, framing included.
	 */
	RECEIVED("sockscope.received", "bytes", "Bytes read from clients, framing included"),

	/**
	 * Counter: bytes written to clients, framing included.
	 */
	SENT("sockscope.sent", "bytes", "Bytes written to clients, framing included"),

	/**
	 * Counter: frames read from clients.
	 */
	FRAMES_RECEIVED("sockscope.frames.received", null, "Frames read from clients"),

	/**
	 * Counter: frames written to clients.
	 */
	FRAMES_SENT("sockscope.frames.sent", null, "Frames written to clients"),

	/**
	 * Counter: error frames written instead of replies (an oversize frame's error line,
	 * an HTTP 400); not in {@link #FRAMES_SENT}, so that frames in and out balance.
	 */
	ERROR_FRAMES_SENT("sockscope.error.frames.sent", null, "Error frames written instead of replies"),

	/**
	 * Distribution summary: payload sizes of frames read.
	 */
	FRAME_SIZE("sockscope.frame.size", "bytes", "Payload sizes of frames read"),

	/**
	 * Timer: from the read that completed a frame to its reply written.
	 */
	FRAME_HANDLING("sockscope.frame.handling", null, "Time from the read that completed a frame to its reply written"),

	/**
	 * Counter: errors, by {@link Tags#KIND kind}.
	 */
	ERRORS("sockscope.errors", null, "Errors by kind"),

	/**
	 * Timer: round trips of relayed frames to the upstream.
	 */
	UPSTREAM("sockscope.upstream", null, "Round trips of relayed frames to the upstream"),

	/**
	 * Counter: inspection log lines not written, by {@link Tags#REASON reason}
	 * ({@code rate}: over the listener's lines per second; {@code queue}: the log's queue
	 * was full).
	 */
	LOG_EVENTS_DROPPED("sockscope.log.events.dropped", null, "Inspection log lines not written");

	private final String meterName;

	private final @Nullable String baseUnit;

	private final String description;

	SockscopeMeters(String meterName, @Nullable String baseUnit, String description) {
		this.meterName = meterName;
		this.baseUnit = baseUnit;
		this.description = description;
	}

	/**
	 * The Micrometer meter name.
	 * @return the name
	 */
	public String meterName() {
		return this.meterName;
	}

	/**
	 * The base unit, or {@code null} if the meter's type implies it.
	 * @return the base unit
	 */
	public @Nullable String baseUnit() {
		return this.baseUnit;
	}

	/**
	 * One sentence describing the meter.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Tag keys used by the meters.
	 */
	public enum Tags {

		/**
		 * The listener's configured name.
		 */
		LISTENER("listener"),

		/**
		 * Why a connection closed, see {@link io.sockscope.connection.CloseReason}, or
		 * why a log line was dropped.
		 */
		REASON("reason"),

		/**
		 * The kind of error, see {@link io.sockscope.connection.ErrorKind}.
		 */
		KIND("kind");

		private final String key;

		Tags(String key) {
			this.key = key;
		}

		/**
		 * The tag key.
		 * @return the key
		 */
		public String key() {
			return this.key;
		}

	}

}
