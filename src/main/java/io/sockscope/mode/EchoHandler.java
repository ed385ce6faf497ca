package io.sockscope.mode;

import io.sockscope.framing.Frame;
import io.sockscope.framing.Received;

/**
 * {@code echo} mode: the reply is the frame itself.
 */
final class EchoHandler implements FrameHandler {

	@Override
	public Reply handle(String connectionId, Received received) {
		return Reply.of((Frame) received);
	}

}
