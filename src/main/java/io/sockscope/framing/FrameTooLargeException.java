package io.sockscope.framing;

import java.io.IOException;

/**
 * Thrown by a {@link FrameCodec} when a frame would exceed the largest payload the codec
 * accepts. The codec stops reading at that point, so memory stays bounded; the rest of
 * the stream is not in a known state and the connection must be closed.
 */
public class FrameTooLargeException extends IOException {

	private final int maxFrameSize;

	/**
	 * Create a new instance.
	 * @param maxFrameSize the largest payload accepted, in bytes
	 * @param announced the size the peer announced, or -1 if the frame simply did not end
	 */
	public FrameTooLargeException(int maxFrameSize, long announced) {
		super(announced < 0 ? "frame exceeds max-frame-size of " + maxFrameSize + " bytes"
				: "frame of " + announced + " bytes exceeds max-frame-size of " + maxFrameSize + " bytes");
		this.maxFrameSize = maxFrameSize;
	}

	/**
	 * The largest payload accepted, in bytes.
	 * @return the limit
	 */
	public int getMaxFrameSize() {
		return this.maxFrameSize;
	}

}
