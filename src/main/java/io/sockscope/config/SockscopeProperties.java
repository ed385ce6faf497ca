package io.sockscope.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.sockscope.framing.Framing;
import io.sockscope.inspect.PayloadFormat;
import io.sockscope.mode.Mode;
import io.sockscope.mode.RelayConnections;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of sockscope, bound from {@code sockscope.*}.
 *
 * @param listeners Listeners by name; the name appears in logs and as the
 * {@code listener} metric tag.
 * @param shutdown How the listeners stop.
 * @param inspection How the inspection log is written.
 */
@ConfigurationProperties("sockscope")
public record SockscopeProperties(@DefaultValue Map<String, Listener> listeners, @DefaultValue Shutdown shutdown,
		@DefaultValue Inspection inspection) {

	private static final String PREFIX = "sockscope.listeners.";

	public SockscopeProperties {
		listeners = Map.copyOf(listeners);
		Map<Integer, String> ports = new HashMap<>();
		// in name order, so that the same configuration always reports the same conflict
		if (inspection.queueSize() < 1) {
			throw new InvalidConfigurationPropertyValueException("sockscope.inspection.queue-size",
					inspection.queueSize(), "Queue size must be at least 1");
		}
		if (shutdown.gracePeriod().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("sockscope.shutdown.grace-period",
					shutdown.gracePeriod(), "Grace period must not be negative");
		}
		new TreeMap<>(listeners).forEach((name, listener) -> {
			listener.validate(PREFIX + name);
			if (listener.enabled() && listener.port() != 0) {
				String other = ports.putIfAbsent(listener.port(), name);
				if (other != null) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + name + ".port", listener.port(),
							"Listener '" + other + "' already uses port " + listener.port());
				}
			}
		});
	}

	/**
	 * The listeners that are enabled, in name order.
	 * @return enabled listeners by name
	 */
	public Map<String, Listener> enabledListeners() {
		Map<String, Listener> enabled = new TreeMap<>();
		this.listeners.forEach((name, listener) -> {
			if (listener.enabled()) {
				enabled.put(name, listener);
			}
		});
		return enabled;
	}

	/**
	 * One bound TCP port with its own framing, mode and limits.
	 *
	 * @param enabled Whether to start this listener.
	 * @param host Address to bind: an interface address, or 0.0.0.0 or :: for every
	 * interface.
	 * @param port Port to bind; 0 picks a free port.
	 * @param framing How bytes become frames.
	 * @param mode What happens to each frame.
	 * @param maxFrameSize Largest frame payload accepted; a larger one is an error and
	 * closes the connection.
	 * @param idleTimeout How long a connection may stay silent, nothing read and no reply
	 * making progress, before it is closed; 0 keeps it open forever.
	 * @param writeTimeout How long a connection's replies may make no progress (a client
	 * that does not read them) before the connection is closed; 0 waits forever.
	 * @param maxConnections Most connections open at once; more are accepted and closed
	 * at once.
	 * @param platformThreads On Java 17 to 20, how many platform threads handle the
	 * frames of a mode that blocks (relay) at once; Java 21 and later handle each on a
	 * virtual thread. Connections themselves are served by a few event-loop threads.
	 * @param log Inspection log settings.
	 * @param relay The upstream of {@code relay} mode.
	 */
	public record Listener(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") String host,
			@DefaultValue("8890") int port, @DefaultValue("line") Framing framing, @DefaultValue("auto") Mode mode,
			@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("5m") Duration idleTimeout,
			@DefaultValue("30s") Duration writeTimeout, @DefaultValue("10000") int maxConnections,
			@DefaultValue("64") int platformThreads, @DefaultValue Log log, @DefaultValue Relay relay) {

		static final long LARGEST_FRAME = Integer.MAX_VALUE - 8;

		void validate(String prefix) {
			if (this.host.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".host", this.host,
						"Host must not be blank");
			}
			if (this.port < 0 || this.port > 65535) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".port", this.port,
						"Port must be between 0 and 65535");
			}
			if (this.maxFrameSize.toBytes() < 1 || this.maxFrameSize.toBytes() > LARGEST_FRAME) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-frame-size", this.maxFrameSize,
						"Max frame size must be between 1B and " + LARGEST_FRAME + "B");
			}
			if (this.idleTimeout.isNegative() || this.idleTimeout.toMillis() > Integer.MAX_VALUE) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".idle-timeout", this.idleTimeout,
						"Idle timeout must be between 0 and " + Duration.ofMillis(Integer.MAX_VALUE));
			}
			if (this.writeTimeout.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".write-timeout", this.writeTimeout,
						"Write timeout must not be negative");
			}
			if (this.maxConnections < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-connections", this.maxConnections,
						"Max connections must be at least 1");
			}
			if (this.platformThreads < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".platform-threads", this.platformThreads,
						"Platform threads must not be negative");
			}
			if (this.mode == Mode.RELAY) {
				this.relay.validate(prefix + ".relay");
			}
			if (this.log.linesPerSecond() < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".log.lines-per-second",
						this.log.linesPerSecond(), "Lines per second must not be negative");
			}
			if (this.log.maxBytes().isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".log.max-bytes", this.log.maxBytes(),
						"Max bytes must not be negative");
			}
		}

		/**
		 * The largest frame payload accepted, in bytes.
		 * @return the limit
		 */
		public int maxFrameBytes() {
			return (int) this.maxFrameSize.toBytes();
		}

	}

	/**
	 * What the inspection log shows of each frame.
	 *
	 * @param payload How to show the payload.
	 * @param maxBytes Most bytes of each payload to show; the rest is left out and
	 * counted.
	 * @param linesPerSecond Most inspection lines (frames, connections opening, closing
	 * and failing) the listener logs each second; the rest are counted in
	 * sockscope_log_events_dropped_total and summed up in one line per interval. 0 logs
	 * every line.
	 */
	public record Log(@DefaultValue("text") PayloadFormat payload, @DefaultValue("1KB") DataSize maxBytes,
			@DefaultValue("200") int linesPerSecond) {

	}

	/**
	 * How the inspection log is written: through a bounded queue, so that a slow console
	 * or disk never slows a listener.
	 *
	 * @param queueSize Lines the queue holds; a line that finds it full is dropped and
	 * counted.
	 * @param dropSummaryInterval How often each listener that left lines out says how
	 * many, in one line.
	 */
	public record Inspection(@DefaultValue("4096") int queueSize, @DefaultValue("10s") Duration dropSummaryInterval) {

	}

	/**
	 * How the listeners stop when the application shuts down (SIGTERM).
	 *
	 * @param gracePeriod How long to wait for frames being handled to get their replies
	 * before the remaining connections are closed; keep it below the platform's own
	 * termination grace period (30 s on Kubernetes).
	 */
	public record Shutdown(@DefaultValue("20s") Duration gracePeriod) {

	}

	/**
	 * Where {@code relay} mode forwards frames.
	 *
	 * @param host Upstream host name or address; required in {@code relay} mode.
	 * @param port Upstream port; required in {@code relay} mode.
	 * @param framing The upstream's framing; replies go back in the listener's. A frame
	 * this framing cannot carry as it is (a line feed in a line, a NUL in null framing)
	 * is not relayed: the client gets an error frame.
	 * @param timeout How long each frame may take, from connecting to the upstream if
	 * needed to its reply; past it the client gets an error frame.
	 * @param connections How clients share upstream connections: per-client gives each
	 * client connection an upstream connection of its own, opened with its first frame
	 * and closed with it; pooled shares a pool of pool-size connections among all
	 * clients.
	 * @param poolSize With pooled connections, most upstream connections open at once.
	 */
	public record Relay(@Nullable String host, @DefaultValue("0") int port, @DefaultValue("line") Framing framing,
			@DefaultValue("5s") Duration timeout, @DefaultValue("per-client") RelayConnections connections,
			@DefaultValue("32") int poolSize) {

		void validate(String prefix) {
			if (this.host == null || this.host.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".host", this.host,
						"Relay mode needs the upstream's host");
			}
			if (this.port < 1 || this.port > 65535) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".port", this.port,
						"Relay mode needs the upstream's port, between 1 and 65535");
			}
			if (this.timeout.isNegative() || this.timeout.isZero() || this.timeout.toMillis() > Integer.MAX_VALUE) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".timeout", this.timeout,
						"Timeout must be positive");
			}
			if (this.poolSize < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".pool-size", this.poolSize,
						"Pool size must be at least 1");
			}
		}

	}

}
