package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RawCodecTests {

	@Test
	void frameIsEverythingUntilEndOfStream() throws IOException {
		byte[] payload = new byte[20000];
		payload[19999] = 7;
		Frame frame = Framing.RAW.newCodec(20000).deserialize(new ByteArrayInputStream(payload));
		assertThat(frame.payload()).isEqualTo(payload);
	}

	@Test
	void emptyStreamIsAnEmptyFrame() throws IOException {
		assertThat(Framing.RAW.newCodec(10).deserialize(new ByteArrayInputStream(new byte[0])).size()).isZero();
	}

	@Test
	void streamLongerThanTheLimitIsTooLarge() {
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framing.RAW.newCodec(10).deserialize(new ByteArrayInputStream(new byte[11])));
	}

	@Test
	void rawFramingClosesAfterItsReply() {
		assertThat(Framing.RAW.newCodec(10).endsAtEndOfStream()).isTrue();
		assertThat(Framing.LINE.newCodec(10).endsAtEndOfStream()).isFalse();
	}

}
