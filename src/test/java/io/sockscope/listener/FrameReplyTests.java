package io.sockscope.listener;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

class FrameReplyTests {

	@Test
	void replyIsTakenOnceSoAFrameWithoutReplyNeverGetsTheLastOne() {
		FrameReply reply = new FrameReply();
		Message<String> answer = new GenericMessage<>("answer");
		assertThat(reply.send(answer)).isTrue();
		assertThat(reply.take()).isSameAs(answer);
		assertThat(reply.take()).isNull();
	}

}
