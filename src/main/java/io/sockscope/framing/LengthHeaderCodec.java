package io.sockscope.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * Frames preceded by their payload length as a big-endian unsigned integer of 1, 2 or 4
 * bytes. A header announcing more than the limit is rejected before any payload is read
 * or any buffer is sized from it.
 */
final class LengthHeaderCodec extends FrameCodec {

	private final int headerSize;

	private final long largestExpressible;

	LengthHeaderCodec(int maxFrameSize, int headerSize) {
		super(maxFrameSize);
		this.headerSize = headerSize;
		this.largestExpressible = (1L << (8 * headerSize)) - 1;
	}

	@Override
	public Frame deserialize(InputStream inputStream) throws IOException {
		long length = 0;
		for (int i = 0; i < this.headerSize; i++) {
			int next = inputStream.read();
			if (next < 0) {
				if (i == 0) {
					throw endOfStream();
				}
				throw endOfStreamInFrame(i);
			}
			length = (length << 8) | next;
		}
		if (length > getMaxFrameSize()) {
			throw new FrameTooLargeException(getMaxFrameSize(), length);
		}
		byte[] payload = inputStream.readNBytes((int) length);
		if (payload.length < length) {
			throw endOfStreamInFrame(this.headerSize + payload.length);
		}
		return Frame.of(payload);
	}

	@Override
	public void serialize(Frame frame, OutputStream outputStream) throws IOException {
		byte[] payload = frame.payload();
		if (payload.length > this.largestExpressible) {
			throw new IOException("A payload of " + payload.length + " bytes does not fit a " + this.headerSize
					+ "-byte length header");
		}
		for (int shift = 8 * (this.headerSize - 1); shift >= 0; shift -= 8) {
			outputStream.write((int) (payload.length >>> shift) & 0xff);
		}
		outputStream.write(payload);
	}

	@Override
	public @Nullable String whyCannotCarry(byte[] payload) {
		if (payload.length > this.largestExpressible) {
			return "it is " + payload.length + " bytes long, more than a " + this.headerSize
					+ "-byte length header can express (" + this.largestExpressible + ")";
		}
		return null;
	}

	@Override
	public int headerLength() {
		return this.headerSize;
	}

	@Override
	public long largestPayload() {
		return Math.min(getMaxFrameSize(), this.largestExpressible);
	}

}
