package io.sockscope.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The reply channel of one frame message: where the listener's flow puts the reply to
 * that frame. The flow runs on the connection's own thread over a direct channel, so by
 * the time sending the frame returns its reply is here or is never coming; nothing waits
 * on this channel, and it needs no latch or timeout.
 */
final class FrameReply implements MessageChannel {

	private @Nullable Message<?> reply;

	@Override
	public boolean send(Message<?> message, long timeout) {
		this.reply = message;
		return true;
	}

	/**
	 * The reply the flow produced for the frame.
	 * @return the reply, or {@code null} if the flow produced none
	 */
	@Nullable Message<?> reply() {
		return this.reply;
	}

}
