package io.sockscope.mode;

import io.sockscope.framing.Frame;

import org.jspecify.annotations.Nullable;

/**
 * Handles the frames of one listener according to its mode.
 */
@FunctionalInterface
public interface FrameHandler {

	/**
	 * Handle one frame.
	 * @param frame the frame read
	 * @return the reply, or {@code null} to send nothing
	 */
	@Nullable Reply handle(Frame frame);

}
