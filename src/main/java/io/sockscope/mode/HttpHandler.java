package io.sockscope.mode;

import io.sockscope.connection.CloseReason;
import io.sockscope.framing.Received;

/**
 * {@code http} mode: {@code 200 OK} with the exact request as a plain-text body.
 */
final class HttpHandler implements FrameHandler {

	@Override
	public Reply handle(String connectionId, Received received) {
		HttpRequest request = (HttpRequest) received;
		return new Reply.Verbatim(HttpResponses.echo(request), request.keepAlive() ? null : CloseReason.CLIENT);
	}

}
