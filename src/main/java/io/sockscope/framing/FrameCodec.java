package io.sockscope.framing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads and writes {@link Frame frames} of one framing. Plugs into Spring Integration's
 * TCP connection factories as both serializer and deserializer.
 * <p>
 * Every codec enforces the same limit: {@code maxFrameSize} is the largest payload
 * accepted, whatever the framing adds around it. A codec never allocates more than that
 * limit for one frame, whatever the peer announces.
 * <p>
 * Instances are stateless and thread-safe; create one per connection factory.
 */
public abstract class FrameCodec implements Serializer<Frame>, Deserializer<Frame> {

	private final int maxFrameSize;

	protected FrameCodec(int maxFrameSize) {
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
		}
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * The largest payload this codec accepts, in bytes.
	 * @return the limit
	 */
	public int getMaxFrameSize() {
		return this.maxFrameSize;
	}

	/**
	 * Read the next frame.
	 * @param inputStream the connection's input
	 * @return the frame
	 * @throws SoftEndOfStreamException if the stream ended cleanly between frames
	 * @throws FrameTooLargeException if the frame exceeds the limit
	 * @throws EOFException if the stream ended inside a frame
	 * @throws IOException on any other read failure
	 */
	@Override
	public abstract Frame deserialize(InputStream inputStream) throws IOException;

	/**
	 * Write a frame, including whatever the framing puts around the payload.
	 * @param frame the frame
	 * @param outputStream the connection's output; not flushed
	 * @throws IOException on a write failure
	 */
	@Override
	public abstract void serialize(Frame frame, OutputStream outputStream) throws IOException;

	/**
	 * Why this framing cannot carry a payload faithfully, if it cannot: written, the
	 * payload would reach the peer as other frames than the one sent, such as two lines
	 * for a payload that holds a line feed. A relay must not send such a payload: the
	 * peer would answer each of the frames it read.
	 * @param payload the payload to write
	 * @return why not, in words that follow "the frame cannot be carried:", such as
	 * {@code it contains a line terminator}; {@code null} if the framing carries it as it
	 * is
	 */
	public abstract @Nullable String whyCannotCarry(byte[] payload);

	/**
	 * How many bytes the framing writes before the payload, such as a length header; a
	 * frame's payload starts this far into its bytes.
	 * @return the header length
	 */
	public int headerLength() {
		return 0;
	}

	/**
	 * The largest payload this codec can write: the limit, or less where the framing
	 * cannot express more (a 1-byte length header).
	 * @return the largest payload, in bytes
	 */
	public long largestPayload() {
		return this.maxFrameSize;
	}

	/**
	 * Whether a frame ends only when the peer ends its stream, so that the connection
	 * closes once the reply is written.
	 * @return {@code true} for end-of-stream framing
	 */
	public boolean endsAtEndOfStream() {
		return false;
	}

	protected static SoftEndOfStreamException endOfStream() {
		return new SoftEndOfStreamException("Stream closed between frames");
	}

	protected static EOFException endOfStreamInFrame(int bytesRead) {
		return new EOFException("Stream closed inside a frame after " + bytesRead + " bytes");
	}

}
