package io.sockscope.mode;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Framing;
import io.sockscope.framing.Received;

import org.springframework.core.serializer.Deserializer;

/**
 * What a listener does with each frame.
 */
public enum Mode {

	/**
	 * Reply with the frame's payload.
	 */
	ECHO,

	/**
	 * Read each request as HTTP/1.x and answer {@code 200 OK} with the exact request
	 * bytes as the body.
	 */
	HTTP,

	/**
	 * Echo, except that a frame that is an HTTP request line is read and answered as in
	 * {@code http} mode. Detection needs a line framing ({@code line}, {@code crlf},
	 * {@code lf}); with any other framing this is {@code echo}.
	 */
	AUTO,

	/**
	 * Log and count each frame, never reply.
	 */
	SINK,

	/**
	 * Forward each frame to the upstream ({@code relay.*}) through a pooled outbound
	 * gateway and reply with the upstream's answer.
	 */
	RELAY;

	private static final Set<Framing> LINE_FRAMINGS = EnumSet.of(Framing.LINE, Framing.CRLF, Framing.LF);

	/**
	 * The deserializer a listener of this mode reads with.
	 * @param framing the listener's framing
	 * @param codec a codec of that framing
	 * @return the deserializer
	 */
	public Deserializer<? extends Received> deserializer(Framing framing, FrameCodec codec) {
		return switch (this) {
			case HTTP -> HttpAwareDeserializer.httpOnly(codec);
			case AUTO -> LINE_FRAMINGS.contains(framing) ? HttpAwareDeserializer.detecting(codec) : codec;
			default -> codec;
		};
	}

	/**
	 * Whether handling a frame of this mode can block, waiting on something other than
	 * the client, so that it must not run on an event-loop thread.
	 * @return {@code true} for {@code relay}
	 */
	public boolean blocks() {
		return this == RELAY;
	}

	/**
	 * The name used in configuration and logs.
	 * @return the lowercase name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
