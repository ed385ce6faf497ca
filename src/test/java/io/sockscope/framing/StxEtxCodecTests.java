package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StxEtxCodecTests {

	private final FrameCodec codec = Framing.STX_ETX.newCodec(8);

	@Test
	void frameBetweenStxAndEtxRoundTrips() throws IOException {
		Frame frame = this.codec.deserialize(new ByteArrayInputStream(new byte[] { 2, 'h', 'i', '\n', 3 }));
		assertThat(frame.payload()).containsExactly('h', 'i', '\n');
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.codec.serialize(frame, out);
		assertThat(out.toByteArray()).containsExactly(2, 'h', 'i', '\n', 3);
	}

	@Test
	void frameNotStartingWithStxIsADecodeError() {
		assertThatExceptionOfType(FrameDecodeException.class)
			.isThrownBy(() -> this.codec.deserialize(new ByteArrayInputStream(new byte[] { 'x', 3 })))
			.withMessageContaining("0x78");
	}

	@Test
	void payloadOverTheLimitIsTooLarge() {
		byte[] wire = new byte[] { 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3 };
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> this.codec.deserialize(new ByteArrayInputStream(wire)));
	}

	@Test
	void payloadOfExactlyTheLimitIsAccepted() throws IOException {
		byte[] wire = new byte[] { 2, 1, 1, 1, 1, 1, 1, 1, 1, 3 };
		assertThat(this.codec.deserialize(new ByteArrayInputStream(wire)).size()).isEqualTo(8);
	}

}
