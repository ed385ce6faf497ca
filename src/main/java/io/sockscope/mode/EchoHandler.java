package io.sockscope.mode;

import io.sockscope.framing.Frame;

/**
 * {@code echo} mode: the reply is the frame itself.
 */
final class EchoHandler implements FrameHandler {

	@Override
	public Reply handle(Frame frame) {
		return Reply.of(frame);
	}

}
