package io.sockscope.mode;

import io.sockscope.connection.CloseReason;
import io.sockscope.framing.Frame;

import org.jspecify.annotations.Nullable;

/**
 * What a mode answers to a frame: bytes to write, and whether the connection closes once
 * they are written.
 */
public sealed interface Reply {

	/**
	 * Why the connection closes after this reply, or {@code null} if it stays open.
	 * @return the close reason
	 */
	@Nullable CloseReason closeAfter();

	/**
	 * A frame written in the listener's framing; the connection stays open.
	 * @param frame the frame
	 * @return the reply
	 */
	static Reply of(Frame frame) {
		return new Framed(frame, null);
	}

	/**
	 * A reply written in the listener's framing.
	 *
	 * @param frame the frame to write
	 * @param closeAfter why the connection closes afterwards, or {@code null}
	 */
	record Framed(Frame frame, @Nullable CloseReason closeAfter) implements Reply {

	}

	/**
	 * A reply written as it is, around the listener's framing (an HTTP response).
	 *
	 * @param bytes the bytes to write
	 * @param closeAfter why the connection closes afterwards, or {@code null}
	 */
	record Verbatim(byte[] bytes, @Nullable CloseReason closeAfter) implements Reply {

	}

}
