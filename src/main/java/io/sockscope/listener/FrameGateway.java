package io.sockscope.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * A listener's inbound gateway: Spring Integration's TCP inbound gateway, which sends
 * each frame to the listener's flow and writes the flow's reply back to the frame's
 * connection.
 * <p>
 * A frame message carries its connection's {@link FrameReply} as reply channel, so the
 * gateway sends it to the flow as it is and takes the reply from there. The general
 * request/reply path would copy every frame to add a temporary reply channel of its own,
 * with a latch and a logger lookup, wait on that latch, and copy the reply again: all for
 * a reply that a direct channel has delivered before the send returns. At tens of
 * thousands of frames a second per core that was a third of what a frame cost. Anything
 * else sent to this gateway still takes the general path.
 */
final class FrameGateway extends TcpInboundGateway {

	@Override
	protected @Nullable Message<?> sendAndReceiveMessage(Object object) {
		MessageChannel requestChannel = getRequestChannel();
		if (requestChannel != null && object instanceof Message<?> frame
				&& frame.getHeaders().getReplyChannel() instanceof FrameReply reply) {
			try {
				requestChannel.send(frame);
			}
			catch (RuntimeException ex) {
				// nothing the failed frame left behind may answer the next one; the
				// failure
				// propagates as from the general path, which has no error channel either
				reply.take();
				throw ex;
			}
			return reply.take();
		}
		return super.sendAndReceiveMessage(object);
	}

}
