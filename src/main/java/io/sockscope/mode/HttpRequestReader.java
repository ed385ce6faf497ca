package io.sockscope.mode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import io.sockscope.framing.Frame;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads one HTTP/1.x request from a stream and keeps the exact bytes that arrived:
 * header case and order, line endings, chunk framing. It reads nothing past the end of
 * the request, so pipelined requests stay in the stream for the next call. The whole
 * request is bounded by {@code maxSize}: a head over it is a {@code 400}, a body over it
 * a {@code 413}, and no buffer is sized from what the client announces.
 * <p>
 * Parsing is strict where leniency lets two parsers disagree (conflicting lengths,
 * obsolete line folding, a missing {@code Host}), since sockscope often stands in front
 * of, or beside, other HTTP software.
 */
final class HttpRequestReader {

	private static final Pattern REQUEST_LINE = Pattern
		.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^\\s\\x00-\\x1f\\x7f]+ HTTP/1\\.[01]");

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final int MAX_CHUNK_SIZE_DIGITS = 8;

	private final int maxSize;

	HttpRequestReader(int maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Whether a line, without its terminator, is an HTTP/1.x request line.
	 * @param line the line
	 * @return {@code true} if it is
	 */
	static boolean isRequestLine(byte[] line) {
		int length = line.length;
		// cheap test first: every request line ends in "HTTP/1.x"
		if (length < 14 || line[length - 8] != 'H' || line[length - 4] != '/') {
			return false;
		}
		return REQUEST_LINE.matcher(new String(line, StandardCharsets.ISO_8859_1)).matches();
	}

	/**
	 * Read a whole request.
	 * @param in the connection's input
	 * @return the request
	 * @throws SoftEndOfStreamException if the stream ended cleanly before a request
	 * @throws HttpRequestException if the request is malformed or too large
	 * @throws IOException on a read failure or a stream ending inside the request
	 */
	HttpRequest read(InputStream in) throws IOException {
		RawRequest raw = new RawRequest(this.maxSize);
		String requestLine;
		do {
			// empty lines before a request are allowed, and are not part of it
			raw.reset();
			requestLine = readLine(in, raw, true);
		}
		while (requestLine.isEmpty());
		if (!REQUEST_LINE.matcher(requestLine).matches()) {
			throw HttpRequestException.badRequest("Malformed request line");
		}
		return readRest(requestLine, in, raw);
	}

	/**
	 * Read the rest of a request whose request line was read as a frame of a line
	 * framing.
	 * @param requestLine the frame holding the request line, with its terminator
	 * @param in the connection's input
	 * @return the request
	 * @throws IOException as {@link #read(InputStream)}
	 */
	HttpRequest readAfter(Frame requestLine, InputStream in) throws IOException {
		RawRequest raw = new RawRequest(this.maxSize);
		raw.append(requestLine.payload());
		raw.append(requestLine.terminator());
		return readRest(new String(requestLine.payload(), StandardCharsets.ISO_8859_1), in, raw);
	}

	private HttpRequest readRest(String requestLine, InputStream in, RawRequest raw) throws IOException {
		String version = requestLine.substring(requestLine.length() - 8);
		Head head = readHead(in, raw);
		if (version.equals("HTTP/1.1") && !head.host) {
			throw HttpRequestException.badRequest("Missing Host header");
		}
		boolean keepAlive = version.equals("HTTP/1.1") ? !head.connectionClose : head.connectionKeepAlive;
		if (head.transferEncoding != null) {
			if (head.contentLength != null) {
				throw HttpRequestException.badRequest("Both Content-Length and Transfer-Encoding");
			}
			if (!isChunkedLast(head.transferEncoding)) {
				throw HttpRequestException.badRequest("Transfer-Encoding without chunked last");
			}
			continueIfExpected(in, head);
			readChunkedBody(in, raw);
		}
		else if (head.contentLength != null && head.contentLength > 0) {
			if (raw.size() + head.contentLength > this.maxSize) {
				throw HttpRequestException.tooLarge("Request of " + (raw.size() + head.contentLength)
						+ " bytes exceeds max-frame-size of " + this.maxSize + " bytes");
			}
			continueIfExpected(in, head);
			raw.readFully(in, head.contentLength.intValue());
		}
		return new HttpRequest(raw.toByteArray(), version, keepAlive);
	}

	private Head readHead(InputStream in, RawRequest raw) throws IOException {
		Head head = new Head();
		while (true) {
			String line = readLine(in, raw, false);
			if (line.isEmpty()) {
				return head;
			}
			if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
				throw HttpRequestException.badRequest("Obsolete header line folding");
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || !HEADER_NAME.matcher(line.substring(0, colon)).matches()) {
				throw HttpRequestException.badRequest("Malformed header line");
			}
			head.add(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
	}

	private static boolean isChunkedLast(String transferEncoding) {
		String[] codings = transferEncoding.split(",");
		return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
	}

	private static void continueIfExpected(InputStream in, Head head) throws IOException {
		if (head.expectContinue && in instanceof InterimResponses interim) {
			interim.sendInterim(HttpResponses.continueInterim());
		}
	}

	private void readChunkedBody(InputStream in, RawRequest raw) throws IOException {
		while (true) {
			String sizeLine = readLine(in, raw, false);
			int extension = sizeLine.indexOf(';');
			String digits = ((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine).strip();
			if (digits.isEmpty() || digits.length() > MAX_CHUNK_SIZE_DIGITS || !digits.chars().allMatch(
					(c) -> Character.digit(c, 16) >= 0)) {
				throw HttpRequestException.badRequest("Malformed chunk size");
			}
			long size = Long.parseLong(digits, 16);
			if (size == 0) {
				// trailers, up to the empty line that ends the request
				while (!readLine(in, raw, false).isEmpty()) {
					// kept in the raw bytes, nothing else to do with them
				}
				return;
			}
			if (raw.size() + size > this.maxSize) {
				throw HttpRequestException.tooLarge("Chunked request exceeds max-frame-size of " + this.maxSize + " bytes");
			}
			raw.readFully(in, (int) size);
			if (!readLine(in, raw, false).isEmpty()) {
				throw HttpRequestException.badRequest("Chunk data longer than its size");
			}
		}
	}

	/**
	 * Read one line into the raw bytes and return it without its terminator (CRLF, or a
	 * bare LF).
	 */
	private String readLine(InputStream in, RawRequest raw, boolean first) throws IOException {
		int start = raw.size();
		while (true) {
			int next = in.read();
			if (next < 0) {
				if (first && raw.size() == start) {
					throw new SoftEndOfStreamException("Stream closed between requests");
				}
				throw new EOFException("Stream closed inside an HTTP request after " + raw.size() + " bytes");
			}
			if (raw.size() >= this.maxSize) {
				throw HttpRequestException.badRequest("Request head exceeds max-frame-size of " + this.maxSize + " bytes");
			}
			raw.append((byte) next);
			if (next == '\n') {
				int end = raw.size() - 1;
				if (end > start && raw.byteAt(end - 1) == '\r') {
					end--;
				}
				return raw.text(start, end);
			}
		}
	}

	/**
	 * What the head says about the body and the connection.
	 */
	private static final class Head {

		private @Nullable Long contentLength;

		private @Nullable String transferEncoding;

		private boolean host;

		private boolean connectionClose;

		private boolean connectionKeepAlive;

		private boolean expectContinue;

		void add(String name, String value) throws HttpRequestException {
			switch (name) {
				case "content-length" -> addContentLength(value);
				case "transfer-encoding" -> this.transferEncoding = (this.transferEncoding != null)
						? this.transferEncoding + "," + value : value;
				case "host" -> {
					if (this.host) {
						throw HttpRequestException.badRequest("More than one Host header");
					}
					this.host = true;
				}
				case "connection" -> {
					for (String option : value.toLowerCase(Locale.ROOT).split(",")) {
						this.connectionClose |= option.strip().equals("close");
						this.connectionKeepAlive |= option.strip().equals("keep-alive");
					}
				}
				case "expect" -> this.expectContinue = value.equalsIgnoreCase("100-continue");
				default -> {
				}
			}
		}

		private void addContentLength(String value) throws HttpRequestException {
			if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
				throw HttpRequestException.badRequest("Malformed Content-Length");
			}
			long length = Long.parseLong(value);
			if (this.contentLength != null && this.contentLength != length) {
				throw HttpRequestException.badRequest("Conflicting Content-Length headers");
			}
			this.contentLength = length;
		}

	}

	/**
	 * The request's bytes as they arrive, never more than the limit.
	 */
	private static final class RawRequest {

		private final int limit;

		private byte[] bytes = new byte[256];

		private int size;

		RawRequest(int limit) {
			this.limit = limit;
		}

		int size() {
			return this.size;
		}

		byte byteAt(int index) {
			return this.bytes[index];
		}

		void reset() {
			this.size = 0;
		}

		void append(byte b) {
			ensure(1);
			this.bytes[this.size++] = b;
		}

		void append(byte[] more) {
			ensure(more.length);
			System.arraycopy(more, 0, this.bytes, this.size, more.length);
			this.size += more.length;
		}

		void readFully(InputStream in, int count) throws IOException {
			ensure(count);
			int read = in.readNBytes(this.bytes, this.size, count);
			this.size += read;
			if (read < count) {
				throw new EOFException("Stream closed inside an HTTP body after " + this.size + " bytes");
			}
		}

		String text(int from, int to) {
			return new String(this.bytes, from, to - from, StandardCharsets.ISO_8859_1);
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

		private void ensure(int more) {
			int needed = this.size + more;
			if (needed > this.bytes.length) {
				int grown = (int) Math.min(Math.max(needed, 2L * this.bytes.length), Math.max(needed, this.limit));
				this.bytes = Arrays.copyOf(this.bytes, grown);
			}
		}

	}

}
