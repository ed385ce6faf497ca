package io.sockscope.listener;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * Headers of the messages a listener makes for each frame and each reply: without the id
 * and timestamp that {@link MessageHeaders} otherwise generates. Nothing tracks a frame
 * by id or age, and a random UUID plus a clock read for each of them is a measurable
 * share of the cost of a frame at high rates. For the same reason a connection's frames
 * share one instance: a header map per frame was half of what a frame allocated.
 */
final class FrameHeaders extends MessageHeaders {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * No headers at all: what a reply carries.
	 */
	static final FrameHeaders NONE = new FrameHeaders(null, null);

	private FrameHeaders(@Nullable String connectionId, @Nullable FrameReply reply) {
		super(null, ID_VALUE_NONE, -1L);
		if (connectionId != null) {
			getRawHeaders().put(IpHeaders.CONNECTION_ID, connectionId);
		}
		if (reply != null) {
			getRawHeaders().put(REPLY_CHANNEL, reply);
		}
	}

	/**
	 * The headers of every frame read from one connection: the connection's id, by which
	 * the inbound gateway finds the connection to write a reply to, and the channel the
	 * replies to the connection's frames go to ({@link FrameGateway}). Made once per
	 * connection and shared by its frames, since neither changes between them.
	 * @param connectionId the connection's id
	 * @return the headers
	 */
	static FrameHeaders of(String connectionId) {
		return new FrameHeaders(connectionId, new FrameReply());
	}

}
