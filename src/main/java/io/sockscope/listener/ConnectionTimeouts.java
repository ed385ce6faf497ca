package io.sockscope.listener;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import io.sockscope.connection.CloseReason;
import io.sockscope.connection.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Closes a listener's connections that are idle (nothing read and no reply making
 * progress for {@code idle-timeout}) or stalled (replies waiting and none making progress
 * for {@code write-timeout}), in one sweep over the listener's connections a few times
 * per timeout. Netty's {@code IdleStateHandler} does the same per connection, but it
 * takes a promise and a listener on every write: a tenth of what an echoed frame cost at
 * sixteen frames in flight. A connection whose replies are stuck is not idle: it has the
 * write timeout to make progress.
 */
final class ConnectionTimeouts {

	private static final Duration MIN_SWEEP_PERIOD = Duration.ofMillis(10);

	private static final Duration MAX_SWEEP_PERIOD = Duration.ofSeconds(1);

	private final long idleNanos;

	private final long writeNanos;

	private @Nullable ScheduledFuture<?> sweep;

	/**
	 * @param idleTimeout the idle timeout, 0 for none
	 * @param writeTimeout the write timeout, 0 for none
	 */
	ConnectionTimeouts(Duration idleTimeout, Duration writeTimeout) {
		this.idleNanos = idleTimeout.toNanos();
		this.writeNanos = writeTimeout.toNanos();
	}

	/**
	 * Start sweeping the connections the supplier lists.
	 * @param eventLoops where the sweep runs
	 * @param connections the listener's open connections
	 */
	void start(EventLoopGroup eventLoops, Supplier<Iterable<ChannelConnection>> connections) {
		long shortest = Math.min(positiveOrMax(this.idleNanos), positiveOrMax(this.writeNanos));
		if (shortest == Long.MAX_VALUE) {
			return;
		}
		long period = Math.max(MIN_SWEEP_PERIOD.toNanos(), Math.min(MAX_SWEEP_PERIOD.toNanos(), shortest / 4));
		this.sweep = eventLoops.next()
			.scheduleAtFixedRate(() -> check(connections.get()), period, period, TimeUnit.NANOSECONDS);
	}

	private static long positiveOrMax(long nanos) {
		return (nanos > 0) ? nanos : Long.MAX_VALUE;
	}

	void stop() {
		ScheduledFuture<?> running = this.sweep;
		this.sweep = null;
		if (running != null) {
			running.cancel(false);
		}
	}

	private void check(Iterable<ChannelConnection> connections) {
		long now = System.nanoTime();
		for (ChannelConnection connection : connections) {
			long stalledFor = connection.repliesStalledFor(now);
			if (this.writeNanos > 0 && stalledFor >= this.writeNanos) {
				connection.observer()
					.error(connection.label(), ErrorKind.TIMEOUT, "replies made no progress for the write timeout");
				connection.closeFor(CloseReason.TIMEOUT);
			}
			else if (this.idleNanos > 0 && stalledFor < 0 && connection.silentFor(now) >= this.idleNanos) {
				connection.closeFor(CloseReason.IDLE);
			}
		}
	}

}
