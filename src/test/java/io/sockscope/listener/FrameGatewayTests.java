package io.sockscope.listener;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameGatewayTests {

	private final DirectChannel flow = new DirectChannel();

	private final FrameGateway gateway = new FrameGateway();

	FrameGatewayTests() {
		this.gateway.setRequestChannel(this.flow);
	}

	@Test
	void frameIsAnsweredWithTheReplyTheFlowSentToItsReplyChannel() {
		this.flow
			.subscribe((message) -> replyChannel(message).send(new GenericMessage<>("echo " + message.getPayload())));
		Message<?> reply = this.gateway.sendAndReceiveMessage(frame("one"));
		assertThat(reply).isNotNull();
		assertThat(reply.getPayload()).isEqualTo("echo one");
	}

	@Test
	void frameTheFlowFailsOnLeavesNoReplyForTheConnectionsNextFrame() {
		AtomicBoolean fail = new AtomicBoolean(true);
		this.flow.subscribe((message) -> {
			if (fail.get()) {
				replyChannel(message).send(new GenericMessage<>("half done"));
				throw new IllegalStateException("flow failed");
			}
		});
		Message<?> frame = frame("one");
		assertThatExceptionOfType(MessagingException.class).isThrownBy(() -> this.gateway.sendAndReceiveMessage(frame))
			.withRootCauseInstanceOf(IllegalStateException.class);
		fail.set(false);
		assertThat(this.gateway.sendAndReceiveMessage(frame)).as("a frame the flow does not answer").isNull();
	}

	private static Message<?> frame(String payload) {
		return new GenericMessage<>(payload, FrameHeaders.of("connection-1"));
	}

	private static MessageChannel replyChannel(Message<?> message) {
		return (MessageChannel) message.getHeaders().getReplyChannel();
	}

}
