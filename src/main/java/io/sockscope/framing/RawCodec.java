package io.sockscope.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One frame per connection: everything the client sends until it ends its stream
 * (half-close or close). The reply is the payload, after which the server closes: the
 * protocol of the seed's gateway, whose client calls {@code shutdown(SHUT_WR)} and reads
 * until EOF.
 */
final class RawCodec extends FrameCodec {

	private static final int CHUNK = 8192;

	RawCodec(int maxFrameSize) {
		super(maxFrameSize);
	}

	@Override
	public Frame deserialize(InputStream inputStream) throws IOException {
		int max = getMaxFrameSize();
		if (inputStream instanceof BufferedInput buffered) {
			// the frame is whole only once the stream has ended: no use reading it before
			buffered.noFrameBuffered(max + 1);
		}
		byte[] buffer = new byte[(int) Math.min(Math.max(CHUNK, inputStream.available() + 1L), max + 1L)];
		int count = 0;
		while (true) {
			if (count == buffer.length) {
				if (count > max) {
					throw new FrameTooLargeException(max, -1);
				}
				buffer = Arrays.copyOf(buffer, (int) Math.min((long) max + 1, 2L * count));
			}
			int read = inputStream.read(buffer, count, buffer.length - count);
			if (read < 0) {
				// an empty stream is an empty frame: the client sent nothing and
				// half-closed
				return Frame.of(Arrays.copyOf(buffer, count));
			}
			count += read;
			if (count > max) {
				throw new FrameTooLargeException(max, -1);
			}
		}
	}

	@Override
	public void serialize(Frame frame, OutputStream outputStream) throws IOException {
		outputStream.write(frame.payload());
	}

	/**
	 * Nothing: the peer reads every byte up to the end of the stream as the frame.
	 */
	@Override
	public @Nullable String whyCannotCarry(byte[] payload) {
		return null;
	}

	@Override
	public boolean endsAtEndOfStream() {
		return true;
	}

}
