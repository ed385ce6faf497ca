package io.sockscope.mode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.sockscope.framing.Frame;
import io.sockscope.framing.Framing;
import io.sockscope.framing.Received;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auto} mode's deserializer on bytes in memory: which frames start an HTTP
 * request.
 */
class HttpAwareDeserializerTests {

	private static final String REQUEST = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

	@Test
	void crlfRequestIsReadAsHttpInEveryLineFraming() throws IOException {
		for (Framing framing : new Framing[] { Framing.LINE, Framing.CRLF, Framing.LF }) {
			Received received = HttpAwareDeserializer.detecting(framing.newCodec(1024)).deserialize(input(REQUEST));
			assertThat(received).as(framing.displayName()).isInstanceOf(HttpRequest.class);
			assertThat(text(received.payload())).as(framing.displayName()).isEqualTo(REQUEST);
		}
	}

	@Test
	void lineThatIsNotARequestLineIsAFrame() throws IOException {
		Received received = HttpAwareDeserializer.detecting(Framing.LF.newCodec(1024))
			.deserialize(input("GET is not a request line\r\n"));
		assertThat(received).isInstanceOf(Frame.class);
		assertThat(text(received.payload())).isEqualTo("GET is not a request line\r");
	}

	@Test
	void lineWithACarriageReturnBeforeItsCrlfIsNoRequestLine() throws IOException {
		Received received = HttpAwareDeserializer.detecting(Framing.CRLF.newCodec(1024))
			.deserialize(input("GET / HTTP/1.1\r\r\n"));
		assertThat(received).isInstanceOf(Frame.class);
	}

	private static InputStream input(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
