package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DelimiterCodecTests {

	@Test
	void lineFramingAcceptsLfAndCrlfAndRepliesWithTheSameTerminator() throws IOException {
		FrameCodec codec = Framing.LINE.newCodec(64);
		InputStream in = input("aaaa\nbbb\r\n");
		Frame first = codec.deserialize(in);
		Frame second = codec.deserialize(in);
		assertThat(text(first.payload())).isEqualTo("aaaa");
		assertThat(text(second.payload())).isEqualTo("bbb");
		assertThat(written(codec, first)).isEqualTo("aaaa\n");
		assertThat(written(codec, second)).isEqualTo("bbb\r\n");
	}

	@Test
	void lineFramingEndsAFrameWithoutTerminatorWithLf() throws IOException {
		assertThat(written(Framing.LINE.newCodec(64), Frame.of("error"))).isEqualTo("error\n");
	}

	@Test
	void crlfFramingKeepsALoneLfInThePayload() throws IOException {
		FrameCodec codec = Framing.CRLF.newCodec(64);
		Frame frame = codec.deserialize(input("a\nb\r\n"));
		assertThat(text(frame.payload())).isEqualTo("a\nb");
		assertThat(written(codec, frame)).isEqualTo("a\nb\r\n");
	}

	@Test
	void lfFramingKeepsACarriageReturnInThePayload() throws IOException {
		FrameCodec codec = Framing.LF.newCodec(64);
		Frame frame = codec.deserialize(input("a\r\n"));
		assertThat(text(frame.payload())).isEqualTo("a\r");
		assertThat(written(codec, frame)).isEqualTo("a\r\n");
	}

	@Test
	void nullFramingEndsAtANulByte() throws IOException {
		FrameCodec codec = Framing.NULL.newCodec(64);
		Frame frame = codec.deserialize(input("a\nb\0"));
		assertThat(text(frame.payload())).isEqualTo("a\nb");
		assertThat(written(codec, frame)).isEqualTo("a\nb\0");
	}

	@Test
	void payloadOfExactlyTheLimitIsAcceptedInEveryDelimiterFraming() throws IOException {
		String payload = "x".repeat(16);
		assertThat(Framing.LINE.newCodec(16).deserialize(input(payload + "\r\n")).size()).isEqualTo(16);
		assertThat(Framing.LINE.newCodec(16).deserialize(input(payload + "\n")).size()).isEqualTo(16);
		assertThat(Framing.CRLF.newCodec(16).deserialize(input(payload + "\r\n")).size()).isEqualTo(16);
		assertThat(Framing.LF.newCodec(16).deserialize(input(payload + "\n")).size()).isEqualTo(16);
		assertThat(Framing.NULL.newCodec(16).deserialize(input(payload + "\0")).size()).isEqualTo(16);
	}

	@Test
	void payloadOneByteOverTheLimitIsTooLarge() {
		String payload = "x".repeat(17);
		for (Framing framing : new Framing[] { Framing.LINE, Framing.CRLF, Framing.LF }) {
			assertThatExceptionOfType(FrameTooLargeException.class)
				.isThrownBy(() -> framing.newCodec(16).deserialize(input(payload + "\r\n")));
		}
	}

	@Test
	void lineThatNeverEndsStopsReadingJustPastTheLimit() {
		CountingInput endless = new CountingInput();
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framing.LINE.newCodec(1000).deserialize(endless))
			.withMessageContaining("max-frame-size of 1000 bytes");
		assertThat(endless.read).isLessThanOrEqualTo(1002);
	}

	@Test
	void endOfStreamBetweenFramesIsAnOrdinaryEnd() {
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> Framing.LINE.newCodec(16).deserialize(input("")));
	}

	@Test
	void endOfStreamInsideAFrameIsReported() {
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> Framing.LINE.newCodec(16).deserialize(input("half a fra")));
	}

	@Test
	void framesWhollyBufferedAreTakenInOneCopyWithTheSameResultAsByteByByte() throws IOException {
		FrameCodec codec = Framing.LINE.newCodec(64);
		BufferedBytes in = new BufferedBytes("aaaa\nbbb\r\n\ncc");
		Frame first = codec.deserialize(in);
		Frame second = codec.deserialize(in);
		Frame empty = codec.deserialize(in);
		assertThat(text(first.payload())).isEqualTo("aaaa");
		assertThat(written(codec, first)).isEqualTo("aaaa\n");
		assertThat(written(codec, second)).isEqualTo("bbb\r\n");
		assertThat(empty.payload()).isEmpty();
		assertThat(in.takes).isEqualTo(3);
		// no delimiter among the buffered bytes: read byte by byte to the end of the
		// stream
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> codec.deserialize(in));
	}

	@Test
	void bufferedCrlfFrameKeepsALoneLfInThePayload() throws IOException {
		FrameCodec codec = Framing.CRLF.newCodec(64);
		Frame frame = codec.deserialize(new BufferedBytes("a\nb\r\n"));
		assertThat(text(frame.payload())).isEqualTo("a\nb");
		assertThat(written(codec, frame)).isEqualTo("a\nb\r\n");
	}

	@Test
	void bufferedPayloadOverTheLimitIsTooLarge() throws IOException {
		FrameCodec codec = Framing.LINE.newCodec(4);
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> codec.deserialize(new BufferedBytes("12345\n")));
		assertThat(codec.deserialize(new BufferedBytes("1234\r\n")).payload()).hasSize(4);
	}

	private static InputStream input(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String written(FrameCodec codec, Frame frame) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(frame, out);
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * An endless stream of 'x' that counts what was read from it.
	 */
	private static final class CountingInput extends InputStream {

		private long read;

		@Override
		public int read() {
			this.read++;
			return 'x';
		}

	}

	/**
	 * Bytes that are all buffered, like a connection's input after a read that took in
	 * several frames; counts the frames taken from the buffer.
	 */
	private static final class BufferedBytes extends ByteArrayInputStream implements BufferedInput {

		private int takes;

		BufferedBytes(String text) {
			super(text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public int indexOfBuffered(byte value, int maxLength) {
			for (int i = this.pos; i < Math.min(this.count, this.pos + maxLength); i++) {
				if (this.buf[i] == value) {
					return i - this.pos;
				}
			}
			return -1;
		}

		@Override
		public byte peekBuffered(int index) {
			return this.buf[this.pos + index];
		}

		@Override
		public byte[] takeBuffered(int length) {
			this.takes++;
			byte[] taken = Arrays.copyOfRange(this.buf, this.pos, this.pos + length);
			this.pos += length;
			return taken;
		}

		@Override
		public void skipBuffered(int length) {
			this.pos += length;
		}

	}

}
