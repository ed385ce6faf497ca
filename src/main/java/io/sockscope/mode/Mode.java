package io.sockscope.mode;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a listener does with each frame.
 */
public enum Mode {

	/**
	 * Reply with the frame's payload.
	 */
	ECHO(EchoHandler::new);

	private final Supplier<FrameHandler> handlerFactory;

	Mode(Supplier<FrameHandler> handlerFactory) {
		this.handlerFactory = handlerFactory;
	}

	/**
	 * Create the handler of this mode.
	 * @return a new handler
	 */
	public FrameHandler newHandler() {
		return this.handlerFactory.get();
	}

	/**
	 * The name used in configuration and logs.
	 * @return the lowercase name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
