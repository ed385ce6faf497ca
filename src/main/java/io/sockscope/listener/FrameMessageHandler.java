package io.sockscope.listener;

import java.util.Objects;

import io.sockscope.framing.Received;
import io.sockscope.mode.FrameHandler;
import io.sockscope.mode.Reply;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * The end of a listener's flow: hands each frame to the listener's mode and returns the
 * mode's reply as a message of its own. The request's headers are not copied onto the
 * reply: the inbound gateway routes the reply by the request's connection id, and a copy
 * of the headers for each frame is most of what a frame costs here.
 * <p>
 * It takes no Spring Integration metrics captor: {@code sockscope_frame_handling_seconds}
 * times each frame already, and the captor's timer would read the clock twice more per
 * frame for meters the application does not publish.
 */
final class FrameMessageHandler extends AbstractReplyProducingMessageHandler {

	private final FrameHandler handler;

	FrameMessageHandler(FrameHandler handler) {
		this.handler = handler;
	}

	@Override
	protected @Nullable Object handleRequestMessage(Message<?> requestMessage) {
		String connectionId = requestMessage.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		Reply reply = this.handler.handle(Objects.requireNonNull(connectionId), (Received) requestMessage.getPayload());
		return (reply != null) ? new GenericMessage<>(reply, FrameHeaders.NONE) : null;
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		// see the class comment
	}

	@Override
	public String getComponentType() {
		return "sockscope:frame-handler";
	}

}
