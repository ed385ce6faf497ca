package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LengthHeaderCodecTests {

	@Test
	void everyHeaderSizeRoundTripsItsPayload() throws IOException {
		byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
		assertThat(roundTrip(Framing.LENGTH_HEADER_1, payload)).startsWith(5).hasSize(6);
		assertThat(roundTrip(Framing.LENGTH_HEADER_2, payload)).startsWith(0, 5).hasSize(7);
		assertThat(roundTrip(Framing.LENGTH_HEADER_4, payload)).startsWith(0, 0, 0, 5).hasSize(9);
	}

	@Test
	void headerIsReadBigEndianAndUnsigned() throws IOException {
		byte[] wire = new byte[2 + 300];
		wire[0] = 0x01;
		wire[1] = 0x2c;
		Frame frame = Framing.LENGTH_HEADER_2.newCodec(1000).deserialize(new ByteArrayInputStream(wire));
		assertThat(frame.size()).isEqualTo(300);
		byte[] oneByte = new byte[1 + 200];
		oneByte[0] = (byte) 200;
		assertThat(Framing.LENGTH_HEADER_1.newCodec(1000).deserialize(new ByteArrayInputStream(oneByte)).size())
			.isEqualTo(200);
	}

	@Test
	void headerAnnouncingTwoGigabytesIsRejectedBeforeReadingThePayload() {
		byte[] header = { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff };
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framing.LENGTH_HEADER_4.newCodec(65536).deserialize(new ByteArrayInputStream(header)))
			.withMessage("frame of 2147483647 bytes exceeds max-frame-size of 65536 bytes");
	}

	@Test
	void payloadOfExactlyTheLimitIsAccepted() throws IOException {
		byte[] wire = new byte[2 + 100];
		wire[1] = 100;
		assertThat(Framing.LENGTH_HEADER_2.newCodec(100).deserialize(new ByteArrayInputStream(wire)).size())
			.isEqualTo(100);
	}

	@Test
	void streamEndingInsideThePayloadIsReported() {
		byte[] wire = { 0, 10, 'a', 'b' };
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> Framing.LENGTH_HEADER_2.newCodec(100).deserialize(new ByteArrayInputStream(wire)));
	}

	@Test
	void replyTooLongForItsHeaderIsRefused() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> Framing.LENGTH_HEADER_1.newCodec(1000)
				.serialize(Frame.of(new byte[256]), new ByteArrayOutputStream()))
			.withMessageContaining("does not fit a 1-byte length header");
	}

	private static byte[] roundTrip(Framing framing, byte[] payload) throws IOException {
		FrameCodec codec = framing.newCodec(1024);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(Frame.of(payload), out);
		byte[] wire = out.toByteArray();
		assertThat(codec.deserialize(new ByteArrayInputStream(wire)).payload()).isEqualTo(payload);
		return wire;
	}

}
