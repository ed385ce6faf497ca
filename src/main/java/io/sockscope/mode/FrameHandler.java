package io.sockscope.mode;

import io.sockscope.framing.Received;

import org.jspecify.annotations.Nullable;

/**
 * Handles what a listener reads, according to its mode. One handler serves all of a
 * listener's connections; the frames of one connection come one at a time, in order.
 */
@FunctionalInterface
public interface FrameHandler extends AutoCloseable {

	/**
	 * Handle one frame or request.
	 * @param connectionId the connection it was read from: the same for all of a
	 * connection's frames, and never used again by another connection of the listener
	 * @param received what was read
	 * @return the reply, or {@code null} to send nothing
	 */
	@Nullable Reply handle(String connectionId, Received received);

	/**
	 * A connection is done: release what the handler holds for it, such as its upstream
	 * connection. Called once for each connection, after the last of its frames was
	 * handled; no frame of the connection is handled at the same time or afterwards.
	 * @param connectionId the connection
	 */
	default void connectionClosed(String connectionId) {
	}

	/**
	 * Release what the handler holds, such as upstream connections.
	 */
	@Override
	default void close() {
	}

}
