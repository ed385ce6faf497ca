package io.sockscope.mode;

import java.nio.charset.StandardCharsets;

/**
 * Builds the responses of {@code http} mode.
 */
final class HttpResponses {

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private HttpResponses() {
	}

	/**
	 * {@code 200 OK} with the request's exact bytes as a plain-text body.
	 */
	static byte[] echo(HttpRequest request) {
		byte[] body = request.payload();
		StringBuilder head = new StringBuilder(128).append("HTTP/1.1 200 OK\r\n")
			.append("Content-Type: text/plain; charset=utf-8\r\n")
			.append("Content-Length: ")
			.append(body.length)
			.append("\r\n");
		if (!request.keepAlive()) {
			head.append("Connection: close\r\n");
		}
		else if ("HTTP/1.0".equals(request.version())) {
			head.append("Connection: keep-alive\r\n");
		}
		head.append("\r\n");
		return concat(head.toString().getBytes(StandardCharsets.US_ASCII), body);
	}

	static byte[] continueInterim() {
		return CONTINUE.clone();
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
