package io.sockscope.mode;

import io.sockscope.framing.Received;

import org.jspecify.annotations.Nullable;

/**
 * Handles what a listener reads, according to its mode.
 */
@FunctionalInterface
public interface FrameHandler extends AutoCloseable {

	/**
	 * Handle one frame or request.
	 * @param received what was read
	 * @return the reply, or {@code null} to send nothing
	 */
	@Nullable Reply handle(Received received);

	/**
	 * Release what the handler holds, such as upstream connections.
	 */
	@Override
	default void close() {
	}

}
