package io.sockscope.mode;

import java.io.IOException;
import java.io.InputStream;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Received;

import org.springframework.core.serializer.Deserializer;

/**
 * The deserializer of the HTTP-aware modes. In {@code http} mode every request is read as
 * HTTP. In {@code auto} mode frames are read in the listener's line framing, and a frame
 * that is an HTTP request line is read on as the rest of its request, so telnet lines
 * echo and curl gets an HTTP answer on the same port.
 */
final class HttpAwareDeserializer implements Deserializer<Received> {

	private final FrameCodec framing;

	private final HttpRequestReader reader;

	private final boolean detect;

	private HttpAwareDeserializer(FrameCodec framing, boolean detect) {
		this.framing = framing;
		this.reader = new HttpRequestReader(framing.getMaxFrameSize());
		this.detect = detect;
	}

	static HttpAwareDeserializer httpOnly(FrameCodec framing) {
		return new HttpAwareDeserializer(framing, false);
	}

	static HttpAwareDeserializer detecting(FrameCodec lineFraming) {
		return new HttpAwareDeserializer(lineFraming, true);
	}

	@Override
	public Received deserialize(InputStream inputStream) throws IOException {
		if (!this.detect) {
			return this.reader.read(inputStream);
		}
		Frame frame = this.framing.deserialize(inputStream);
		if (HttpRequestReader.isRequestLine(frame)) {
			return this.reader.readAfter(frame, inputStream);
		}
		return frame;
	}

}
