package io.sockscope.client;

import io.sockscope.framing.Frame;

/**
 * Hears of what an upstream sent that no request was waiting for: a second reply, a reply
 * that came after its request gave up, or part of one. Such bytes are never handed to
 * anyone as a reply; the connection they came on is closed. Called on the connection's
 * reading thread.
 */
public interface UpstreamStrays {

	/**
	 * Ignores everything.
	 */
	UpstreamStrays NONE = new UpstreamStrays() {

		@Override
		public void unsolicitedFrame(Frame frame) {
		}

		@Override
		public void unfinishedFrame(long bytes) {
		}

	};

	/**
	 * A whole frame arrived while no request was waiting for one.
	 * @param frame the frame
	 */
	void unsolicitedFrame(Frame frame);

	/**
	 * A connection closed with bytes read after its last frame that no request was
	 * waiting for, such as the start of a second reply.
	 * @param bytes how many
	 */
	void unfinishedFrame(long bytes);

}
