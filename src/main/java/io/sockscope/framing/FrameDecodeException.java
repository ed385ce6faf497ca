package io.sockscope.framing;

import java.io.IOException;

/**
 * Thrown by a {@link FrameCodec} when the bytes on the wire do not form a frame of its
 * framing, such as a frame that does not start with STX. The connection must be closed.
 */
public class FrameDecodeException extends IOException {

	public FrameDecodeException(String message) {
		super(message);
	}

}
