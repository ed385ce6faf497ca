package io.sockscope.mode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.sockscope.connection.ErrorKind;

/**
 * An HTTP request that cannot be served. It knows its response: a status line, a one-line
 * reason as the body, and {@code Connection: close}, since the rest of the stream is not
 * in a known state.
 */
public class HttpRequestException extends IOException {

	private final int status;

	private final String statusText;

	private final ErrorKind kind;

	HttpRequestException(int status, String statusText, ErrorKind kind, String reason) {
		super(reason);
		this.status = status;
		this.statusText = statusText;
		this.kind = kind;
	}

	static HttpRequestException badRequest(String reason) {
		return new HttpRequestException(400, "Bad Request", ErrorKind.DECODE, reason);
	}

	static HttpRequestException tooLarge(String reason) {
		return new HttpRequestException(413, "Content Too Large", ErrorKind.OVERSIZE, reason);
	}

	static HttpRequestException headTooLarge(String reason) {
		return new HttpRequestException(431, "Request Header Fields Too Large", ErrorKind.OVERSIZE, reason);
	}

	/**
	 * The kind of error to count.
	 * @return the kind
	 */
	public ErrorKind getKind() {
		return this.kind;
	}

	/**
	 * The HTTP status code.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * The complete response to write before closing.
	 * @return the response bytes
	 */
	public byte[] response() {
		byte[] body = (getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + this.status + " " + this.statusText + "\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n" + "Content-Length: " + body.length + "\r\n"
				+ "Connection: close\r\n\r\n";
		return HttpResponses.concat(head.getBytes(StandardCharsets.US_ASCII), body);
	}

}
