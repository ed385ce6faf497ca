package io.sockscope.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The reply channel of a connection's frame messages: where the listener's flow puts the
 * reply to the frame being handled. The flow runs on the connection's own thread over a
 * direct channel, so by the time sending a frame returns its reply is here or is never
 * coming; nothing waits on this channel, and it needs no latch or timeout. A connection
 * handles one frame at a time, so one channel serves all of its frames, each reply taken
 * before the next frame is sent.
 */
final class FrameReply implements MessageChannel {

	private @Nullable Message<?> reply;

	@Override
	public boolean send(Message<?> message, long timeout) {
		this.reply = message;
		return true;
	}

	/**
	 * Take the reply the flow produced for the frame just sent, leaving none for the
	 * next.
	 * @return the reply, or {@code null} if the flow produced none
	 */
	@Nullable Message<?> take() {
		Message<?> taken = this.reply;
		this.reply = null;
		return taken;
	}

}
