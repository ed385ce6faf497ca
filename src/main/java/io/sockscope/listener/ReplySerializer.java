package io.sockscope.listener;

import java.io.IOException;
import java.io.OutputStream;

import io.sockscope.framing.FrameCodec;
import io.sockscope.mode.Reply;

import org.springframework.core.serializer.Serializer;

/**
 * The serializer of a listener's connection factory: writes a mode's reply, a frame in
 * the listener's framing or an HTTP response as it is.
 */
final class ReplySerializer implements Serializer<Reply> {

	private final FrameCodec codec;

	ReplySerializer(FrameCodec codec) {
		this.codec = codec;
	}

	@Override
	public void serialize(Reply reply, OutputStream outputStream) throws IOException {
		if (reply instanceof Reply.Framed framed) {
			this.codec.serialize(framed.frame(), outputStream);
		}
		else {
			outputStream.write(((Reply.Verbatim) reply).bytes());
		}
	}

	/**
	 * How many bytes the serialized reply takes, at most, to size its buffer once.
	 * @param reply the reply
	 * @return an upper bound
	 */
	static int sizeHint(Reply reply) {
		if (reply instanceof Reply.Framed framed) {
			// the longest header or terminator any framing puts around a payload
			return framed.frame().payload().length + 4;
		}
		return ((Reply.Verbatim) reply).bytes().length;
	}

	/**
	 * The bytes a reply carries, as the inspection log shows them.
	 * @param reply the reply
	 * @return its payload
	 */
	static byte[] payload(Reply reply) {
		return (reply instanceof Reply.Framed framed) ? framed.frame().payload() : ((Reply.Verbatim) reply).bytes();
	}

	/**
	 * Whether a connection closes once a frame is answered, since its framing ends the
	 * one frame at the client's end of stream.
	 * @return {@code true} for {@code raw}
	 */
	boolean closesAfterReply() {
		return this.codec.endsAtEndOfStream();
	}

}
