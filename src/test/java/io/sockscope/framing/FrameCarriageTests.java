package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each framing can carry faithfully: a payload it accepts reaches the peer as that
 * one frame, and a payload it refuses is one that would not.
 */
class FrameCarriageTests {

	private static final int MAX = 70_000;

	@ParameterizedTest
	@EnumSource(Framing.class)
	void everyPayloadAFramingAcceptsIsReadBackAsOneFrameWithTheSamePayload(Framing framing) throws IOException {
		FrameCodec codec = framing.newCodec(MAX);
		int accepted = 0;
		for (byte[] payload : awkwardPayloads()) {
			if (codec.whyCannotCarry(payload) == null) {
				accepted++;
				ByteArrayOutputStream written = new ByteArrayOutputStream();
				codec.serialize(Frame.of(payload), written);
				InputStream in = new ByteArrayInputStream(written.toByteArray());
				assertThat(codec.deserialize(in).payload()).isEqualTo(payload);
				if (!codec.endsAtEndOfStream()) {
					assertThat(in.available()).as("bytes left after the frame").isZero();
				}
			}
		}
		assertThat(accepted).as("payloads accepted").isPositive();
	}

	@ParameterizedTest
	@CsvSource(delimiterString = "|", textBlock = """
			line            | a\\nb    | it contains a line terminator
			line            | a\\r     | it ends with a carriage return
			crlf            | a\\r\\nb | it contains a line terminator
			lf              | a\\nb    | it contains a line terminator
			null            | a\\0b    | it contains a NUL byte
			stx-etx         | a\\u0003b | it contains STX or ETX
			stx-etx         | a\\u0002b | it contains STX or ETX
			""")
	void framingRefusesAPayloadHoldingItsOwnDelimiter(String framing, String payload, String reason) {
		byte[] bytes = unescape(payload).getBytes(StandardCharsets.UTF_8);
		assertThat(Framing.of(framing).newCodec(MAX).whyCannotCarry(bytes)).isEqualTo(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiterString = "|", textBlock = """
			crlf    | a\\nb
			crlf    | a\\r
			lf      | a\\r
			line    | a\\rb
			null    | a\\nb
			stx-etx | a\\nb
			raw     | a\\0\\n\\r\\u0002\\u0003
			""")
	void framingCarriesWhatOnlyOtherFramingsEndAt(String framing, String payload) {
		byte[] bytes = unescape(payload).getBytes(StandardCharsets.UTF_8);
		assertThat(Framing.of(framing).newCodec(MAX).whyCannotCarry(bytes)).isNull();
	}

	@Test
	void lengthHeaderRefusesAPayloadLongerThanItCanExpress() {
		assertThat(Framing.LENGTH_HEADER_1.newCodec(MAX).whyCannotCarry(new byte[255])).isNull();
		assertThat(Framing.LENGTH_HEADER_1.newCodec(MAX).whyCannotCarry(new byte[256]))
			.isEqualTo("it is 256 bytes long, more than a 1-byte length header can express (255)");
		assertThat(Framing.LENGTH_HEADER_2.newCodec(MAX).whyCannotCarry(new byte[65536]))
			.isEqualTo("it is 65536 bytes long, more than a 2-byte length header can express (65535)");
		assertThat(Framing.LENGTH_HEADER_4.newCodec(MAX).whyCannotCarry(new byte[65536])).isNull();
	}

	/**
	 * Payloads made of every framing's special bytes, alone, at either end and between
	 * text, and lengths around the 1-byte header's limit.
	 */
	private static List<byte[]> awkwardPayloads() {
		List<byte[]> payloads = new ArrayList<>();
		payloads.add(new byte[0]);
		byte[] specials = { '\n', '\r', 0, 2, 3 };
		for (byte special : specials) {
			payloads.add(new byte[] { special });
			payloads.add(new byte[] { 'a', special });
			payloads.add(new byte[] { special, 'a' });
			payloads.add(new byte[] { 'a', special, 'b' });
			for (byte other : specials) {
				payloads.add(new byte[] { 'a', special, other, 'b' });
				payloads.add(new byte[] { 'a', special, other });
			}
		}
		payloads.add("plain text".getBytes(StandardCharsets.UTF_8));
		payloads.add(new byte[255]);
		payloads.add(new byte[256]);
		return payloads;
	}

	private static String unescape(String text) {
		return text.replace("\\n", "\n")
			.replace("\\r", "\r")
			.replace("\\0", "\0")
			.replace("\\u0002", "\u0002")
			.replace("\\u0003", "\u0003");
	}

}
