package io.sockscope.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Frames wrapped in STX (0x02) and ETX (0x03).
 */
final class StxEtxCodec extends FrameCodec {

	private static final int STX = 0x02;

	private static final int ETX = 0x03;

	private static final int INITIAL_BUFFER_SIZE = 128;

	StxEtxCodec(int maxFrameSize) {
		super(maxFrameSize);
	}

	@Override
	public Frame deserialize(InputStream inputStream) throws IOException {
		int first = inputStream.read();
		if (first < 0) {
			throw endOfStream();
		}
		if (first != STX) {
			throw new FrameDecodeException(
					String.format("stx-etx frame must start with STX (0x02), not 0x%02x", first));
		}
		int max = getMaxFrameSize();
		byte[] buffer = new byte[Math.min(INITIAL_BUFFER_SIZE, max)];
		int count = 0;
		while (true) {
			int next = inputStream.read();
			if (next < 0) {
				throw endOfStreamInFrame(count + 1);
			}
			if (next == ETX) {
				return Frame.of(Arrays.copyOf(buffer, count));
			}
			if (count == max) {
				throw new FrameTooLargeException(max, -1);
			}
			if (count == buffer.length) {
				buffer = Arrays.copyOf(buffer, (int) Math.min(max, 2L * count));
			}
			buffer[count++] = (byte) next;
		}
	}

	/**
	 * A payload holding ETX would end early; one holding STX is refused too, since a peer
	 * that resynchronises on STX would start a new frame there.
	 */
	@Override
	public @Nullable String whyCannotCarry(byte[] payload) {
		for (byte b : payload) {
			if (b == STX || b == ETX) {
				return "it contains STX or ETX";
			}
		}
		return null;
	}

	@Override
	public int headerLength() {
		return 1;
	}

	@Override
	public void serialize(Frame frame, OutputStream outputStream) throws IOException {
		outputStream.write(STX);
		outputStream.write(frame.payload());
		outputStream.write(ETX);
	}

}
