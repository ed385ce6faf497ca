package io.sockscope.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;

/**
 * The frames one simulated client sends. Every payload is printable ASCII, so it never
 * contains a delimiter; it starts with the request's sequence number in hexadecimal, so a
 * reply that is out of order or belongs to another request does not match, and the rest
 * is a run of letters shifted by the client's number, so replies crossed between
 * connections do not match either.
 */
final class FramePattern {

	private static final int SEQUENCE_DIGITS = 16;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final byte[] template;

	private final int payloadOffset;

	private final int sequenceDigits;

	/**
	 * Create the pattern of one client.
	 * @param format the framing
	 * @param payloadSize the payload size of every frame
	 * @param client the client's number
	 */
	FramePattern(FrameCodec codec, int payloadSize, int client) {
		byte[] payload = new byte[payloadSize];
		for (int i = 0; i < payloadSize; i++) {
			payload[i] = (byte) ('a' + Math.floorMod(i + client, 26));
		}
		this.template = encode(codec, payload);
		this.payloadOffset = codec.headerLength();
		this.sequenceDigits = Math.min(SEQUENCE_DIGITS, payloadSize);
	}

	/**
	 * The length of every encoded frame.
	 * @return the length in bytes, framing included
	 */
	private static byte[] encode(FrameCodec codec, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
		try {
			codec.serialize(Frame.of(payload), frame);
		}
		catch (IOException ex) {
			// checked by BenchCommand: the payload fits the framing
			throw new UncheckedIOException(ex);
		}
		return frame.toByteArray();
	}

	int frameLength() {
		return this.template.length;
	}

	/**
	 * A new buffer holding the frame of one request, to be {@link #stamp stamped} for
	 * each later request.
	 * @return a copy of the frame template
	 */
	byte[] newFrame() {
		return this.template.clone();
	}

	/**
	 * Write the sequence number of a request into a frame made by {@link #newFrame()}.
	 * @param frame the frame
	 * @param sequence the request's sequence number
	 */
	void stamp(byte[] frame, long sequence) {
		long value = sequence;
		for (int i = this.payloadOffset + this.sequenceDigits - 1; i >= this.payloadOffset; i--) {
			frame[i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	/**
	 * Append the frame of a request to a buffer.
	 * @param buffer the buffer, with at least {@link #frameLength()} bytes remaining
	 * @param sequence the request's sequence number
	 */
	void writeTo(ByteBuffer buffer, long sequence) {
		int start = buffer.position();
		buffer.put(this.template);
		long value = sequence;
		for (int i = start + this.payloadOffset + this.sequenceDigits - 1; i >= start + this.payloadOffset; i--) {
			buffer.put(i, HEX[(int) (value & 0xF)]);
			value >>>= 4;
		}
	}

}
