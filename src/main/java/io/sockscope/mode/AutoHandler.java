package io.sockscope.mode;

import io.sockscope.framing.Received;
import org.jspecify.annotations.Nullable;

/**
 * {@code auto} mode: HTTP requests are answered as in {@code http} mode, every other
 * frame is echoed.
 */
final class AutoHandler implements FrameHandler {

	private final FrameHandler http = new HttpHandler();

	private final FrameHandler echo = new EchoHandler();

	@Override
	public @Nullable Reply handle(String connectionId, Received received) {
		return (received instanceof HttpRequest) ? this.http.handle(connectionId, received)
				: this.echo.handle(connectionId, received);
	}

}
