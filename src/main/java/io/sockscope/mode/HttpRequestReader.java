package io.sockscope.mode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.sockscope.framing.Frame;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads one HTTP/1.x request from a stream and keeps the exact bytes that arrived: header
 * case and order, line endings, chunk framing. It reads nothing past the end of the
 * request, so pipelined requests stay in the stream for the next call. The whole request
 * is bounded by {@code maxSize}: a head over it is a {@code 431}, a body over it a
 * {@code 413}, both counted as oversize, and no buffer is sized from what the client
 * announces.
 * <p>
 * Parsing follows RFC 9112 and is strict wherever leniency lets two parsers disagree on
 * where a request or a field ends (request smuggling), since sockscope often stands in
 * front of, or beside, other HTTP software: a bare CR, a control character in a field
 * value, whitespace before a field's colon, obsolete line folding, a transfer coding
 * other than one {@code chunked}, conflicting lengths, a missing or malformed
 * {@code Host} and a malformed chunk line are all a {@code 400} with a one-line reason.
 * One leniency is kept on purpose: in the request line and header fields a bare LF ends a
 * line as CRLF does (RFC 9112 2.2 allows it), so that requests typed with {@code printf}
 * or netcat work; there it cannot hide a line from a parser that splits on CRLF, which
 * sees the LF too. Not in a chunked body: RFC 9112 7.1 has only CRLF there, and a chunk
 * whose data ends in CR followed by a bare LF is read differently by different parsers.
 */
final class HttpRequestReader {

	/**
	 * How many empty lines may come before a request line (RFC 9112 2.2 asks a server to
	 * ignore at least one); more is a client that is not speaking HTTP.
	 */
	static final int MAX_LEADING_EMPTY_LINES = 8;

	private static final byte[] LF = { '\n' };

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
		return isRequestLine(line, line.length);
	}

	/**
	 * Whether a frame of a line framing holds an HTTP/1.x request line. In {@code lf}
	 * framing the CR of a CRLF is the payload's last byte, and does not count.
	 * @param frame the frame
	 * @return {@code true} if it is
	 */
	static boolean isRequestLine(Frame frame) {
		return isRequestLine(frame.payload(), lineLength(frame));
	}

	private static boolean isRequestLine(byte[] line, int length) {
		// cheap test first: every request line ends in "HTTP/1.x"
		if (length < 14 || line[length - 8] != 'H' || line[length - 4] != '/') {
			return false;
		}
		return isRequestLine(new String(line, 0, length, StandardCharsets.ISO_8859_1));
	}

	/**
	 * Whether a line is {@code method SP target SP HTTP/1.0} (or {@code 1.1}): the method
	 * a token, the target at least one byte that is neither blank space nor a control
	 * character (RFC 9112 3). Parsed by hand, in one pass without backtracking, rather
	 * than by a regular expression.
	 */
	private static boolean isRequestLine(String line) {
		int length = line.length();
		int method = tokenEnd(line, 0);
		if (method == 0 || length - method < 11 || line.charAt(method) != ' ') {
			return false;
		}
		int target = method + 1;
		int i = target;
		while (i < length && line.charAt(i) > ' ' && line.charAt(i) != 0x7f) {
			i++;
		}
		return i > target && i == length - 9 && line.charAt(i) == ' '
				&& (line.endsWith("HTTP/1.1") || line.endsWith("HTTP/1.0"));
	}

	private static int lineLength(Frame frame) {
		byte[] payload = frame.payload();
		int length = payload.length;
		boolean crOfCrlf = length > 0 && payload[length - 1] == '\r' && Arrays.equals(frame.terminator(), LF);
		return crOfCrlf ? length - 1 : length;
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
		String requestLine = readLine(in, raw, Part.START);
		int emptyLines = 0;
		while (requestLine.isEmpty()) {
			// a few empty lines before a request are allowed, and are not part of it
			if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
				throw HttpRequestException
					.badRequest("More than " + MAX_LEADING_EMPTY_LINES + " empty lines before the request line");
			}
			raw.reset();
			requestLine = readLine(in, raw, Part.START);
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
		byte[] payload = requestLine.payload();
		byte[] terminator = requestLine.terminator();
		if ((long) payload.length + terminator.length > this.maxSize) {
			throw headTooLarge();
		}
		RawRequest raw = new RawRequest(this.maxSize);
		raw.append(payload);
		raw.append(terminator);
		String line = new String(payload, 0, lineLength(requestLine), StandardCharsets.ISO_8859_1);
		if (line.indexOf('\r') >= 0) {
			throw bareCarriageReturn();
		}
		return readRest(line, in, raw);
	}

	private HttpRequest readRest(String requestLine, InputStream in, RawRequest raw) throws IOException {
		if (!isRequestLine(requestLine)) {
			throw HttpRequestException.badRequest("Malformed request line");
		}
		String method = requestLine.substring(0, requestLine.indexOf(' '));
		String target = requestLine.substring(method.length() + 1, requestLine.length() - 9);
		if (!isValidTarget(method, target)) {
			throw HttpRequestException.badRequest("Malformed request target");
		}
		String version = requestLine.substring(requestLine.length() - 8);
		boolean http11 = version.equals("HTTP/1.1");
		Head head = readHead(in, raw);
		if (http11 && !head.host) {
			throw HttpRequestException.badRequest("Missing Host header");
		}
		boolean keepAlive = http11 ? !head.connectionClose : head.connectionKeepAlive;
		if (head.transferEncoding != null) {
			if (head.contentLength != null) {
				throw HttpRequestException.badRequest("Both Content-Length and Transfer-Encoding");
			}
			if (!http11) {
				// RFC 9112 6.1: the framing of such a message is faulty
				throw HttpRequestException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
			}
			checkOnlyChunked(head.transferEncoding);
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

	/**
	 * Whether a request target has one of the four forms of RFC 9112 3.2, each for its
	 * methods, in visible ASCII and without a fragment. Its characters are not checked
	 * against RFC 3986 beyond that: sockscope shows what the client sent, and no other
	 * character can end the target or the line early.
	 */
	private static boolean isValidTarget(String method, String target) {
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c <= ' ' || c >= 0x7f || c == '#') {
				return false;
			}
		}
		if (method.equals("CONNECT")) {
			return isHostAndPort(target, true);
		}
		if (target.equals("*")) {
			return method.equals("OPTIONS");
		}
		return target.charAt(0) == '/' || isAbsoluteForm(target);
	}

	/**
	 * Whether a target is an absolute URI with an authority: {@code scheme://host...}
	 * (RFC 9112 3.2.2; an {@code http} URI with an empty host is invalid).
	 */
	private static boolean isAbsoluteForm(String target) {
		int scheme = 0;
		while (scheme < target.length() && (isAsciiLetter(target.charAt(scheme)) || (scheme > 0
				&& (isAsciiDigit(target.charAt(scheme)) || "+.-".indexOf(target.charAt(scheme)) >= 0)))) {
			scheme++;
		}
		if (scheme == 0 || !target.startsWith("://", scheme)) {
			return false;
		}
		int host = scheme + 3;
		return host < target.length() && target.charAt(host) != '/' && target.charAt(host) != '?';
	}

	/**
	 * Whether a value is {@code uri-host [":" port]} (RFC 9112 3.2 for {@code Host},
	 * 3.2.3 for a {@code CONNECT} target, where host and port are both required). A host
	 * is an IP literal in brackets or a reg-name, whose characters are checked, not its
	 * syntax.
	 */
	private static boolean isHostAndPort(String value, boolean required) {
		int i = 0;
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			if (close < 2) {
				return false;
			}
			for (i = 1; i < close; i++) {
				char c = value.charAt(i);
				if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
					return false;
				}
			}
			i = close + 1;
		}
		else {
			while (i < value.length() && isRegNameChar(value.charAt(i))) {
				i++;
			}
			if (required && i == 0) {
				return false;
			}
		}
		if (i == value.length()) {
			return !required;
		}
		if (value.charAt(i) != ':' || (required && i + 1 == value.length())) {
			return false;
		}
		for (i++; i < value.length(); i++) {
			if (!isAsciiDigit(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isRegNameChar(char c) {
		return isAsciiLetter(c) || isAsciiDigit(c) || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isAsciiDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private Head readHead(InputStream in, RawRequest raw) throws IOException {
		Head head = new Head();
		String line = readLine(in, raw, Part.HEAD);
		while (!line.isEmpty()) {
			int colon = fieldColon(line);
			head.add(line.substring(0, colon).toLowerCase(Locale.ROOT), fieldValue(line, colon));
			line = readLine(in, raw, Part.HEAD);
		}
		return head;
	}

	/**
	 * Where the colon of a header or trailer field line is, once the line is known to be
	 * a field: a token, a colon right after it.
	 */
	private static int fieldColon(String line) throws HttpRequestException {
		if (isBlank(line.charAt(0))) {
			throw HttpRequestException.badRequest("Obsolete header line folding");
		}
		int colon = line.indexOf(':');
		if (colon < 0) {
			throw HttpRequestException.badRequest("Malformed header line");
		}
		if (colon > 0 && isBlank(line.charAt(colon - 1))) {
			// RFC 9112 5.1: a server must reject this with a 400
			throw HttpRequestException.badRequest("Whitespace between header name and colon");
		}
		if (colon == 0 || tokenEnd(line, 0) != colon) {
			throw HttpRequestException.badRequest("Malformed header line");
		}
		return colon;
	}

	/**
	 * A field's value without the blank space around it; any control character other than
	 * HTAB in it is an error (RFC 9110 5.5).
	 */
	private static String fieldValue(String line, int colon) throws HttpRequestException {
		int start = colon + 1;
		int end = line.length();
		for (int i = start; i < end; i++) {
			if (!isFieldChar(line.charAt(i))) {
				throw HttpRequestException.badRequest("Control character in header value");
			}
		}
		while (start < end && isBlank(line.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(line.charAt(end - 1))) {
			end--;
		}
		return line.substring(start, end);
	}

	/**
	 * Reject every transfer coding list but {@code chunked} alone: sockscope decodes no
	 * other coding, and a list another parser reads differently is a smuggling vector.
	 */
	private static void checkOnlyChunked(List<String> codings) throws HttpRequestException {
		if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
			throw HttpRequestException.badRequest("Transfer-Encoding without chunked last");
		}
		if (codings.size() > 1) {
			throw HttpRequestException.badRequest((codings.indexOf("chunked") < codings.size() - 1)
					? "Transfer-Encoding names chunked more than once" : "Transfer-Encoding other than chunked");
		}
	}

	private static void continueIfExpected(InputStream in, Head head) throws IOException {
		if (head.expectContinue && in instanceof InterimResponses interim) {
			interim.sendInterim(HttpResponses.continueInterim());
		}
	}

	private void readChunkedBody(InputStream in, RawRequest raw) throws IOException {
		while (true) {
			long size = chunkSize(readLine(in, raw, Part.BODY));
			if (size == 0) {
				// trailers, up to the empty line that ends the request: kept in the raw
				// bytes, checked as headers are
				String trailer = readLine(in, raw, Part.BODY);
				while (!trailer.isEmpty()) {
					fieldValue(trailer, fieldColon(trailer));
					trailer = readLine(in, raw, Part.BODY);
				}
				return;
			}
			if (raw.size() + size > this.maxSize) {
				throw bodyTooLarge();
			}
			raw.readFully(in, (int) size);
			if (!readLine(in, raw, Part.BODY).isEmpty()) {
				throw HttpRequestException.badRequest("Chunk data longer than its size");
			}
		}
	}

	/**
	 * The size of a chunk-size line (RFC 9112 7.1: hex digits, then extensions, each
	 * {@code ;name} or {@code ;name=token} or {@code ;name="quoted"} with blank space
	 * around {@code ;} and {@code =}). A size over the limit is returned as just over it,
	 * so leading zeros cost nothing and no digit count can overflow.
	 */
	private long chunkSize(String line) throws HttpRequestException {
		int length = line.length();
		int i = 0;
		long size = 0;
		while (i < length && line.charAt(i) < 0x80 && Character.digit(line.charAt(i), 16) >= 0) {
			if (size <= this.maxSize) {
				size = size * 16 + Character.digit(line.charAt(i), 16);
			}
			i++;
		}
		if (i == 0) {
			throw HttpRequestException.badRequest("Malformed chunk size");
		}
		while (i < length) {
			int semicolon = blankEnd(line, i);
			if (semicolon == length || line.charAt(semicolon) != ';') {
				throw HttpRequestException.badRequest("Malformed chunk size");
			}
			int name = blankEnd(line, semicolon + 1);
			i = tokenEnd(line, name);
			if (i == name) {
				throw malformedChunkExtension();
			}
			int equals = blankEnd(line, i);
			if (equals < length && line.charAt(equals) == '=') {
				int value = blankEnd(line, equals + 1);
				i = (value < length && line.charAt(value) == '"') ? quotedStringEnd(line, value)
						: tokenEnd(line, value);
				if (i == value) {
					throw malformedChunkExtension();
				}
			}
		}
		return size;
	}

	private static int quotedStringEnd(String line, int start) throws HttpRequestException {
		for (int i = start + 1; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				return i + 1;
			}
			if (c == '\\') {
				i++;
				if (i == line.length() || !isFieldChar(line.charAt(i))) {
					throw malformedChunkExtension();
				}
			}
			else if (!isFieldChar(c)) {
				throw malformedChunkExtension();
			}
		}
		throw malformedChunkExtension();
	}

	/**
	 * Read one line into the raw bytes and return it without its terminator: CRLF, or in
	 * the head a bare LF. A CR anywhere else in it is an error (RFC 9112 2.2).
	 */
	private String readLine(InputStream in, RawRequest raw, Part part) throws IOException {
		int start = raw.size();
		while (true) {
			int next = in.read();
			if (next < 0) {
				if (part == Part.START && raw.size() == start) {
					throw new SoftEndOfStreamException("Stream closed between requests");
				}
				throw new EOFException("Stream closed inside an HTTP request after " + raw.size() + " bytes");
			}
			if (raw.size() >= this.maxSize) {
				throw (part == Part.BODY) ? bodyTooLarge() : headTooLarge();
			}
			raw.append((byte) next);
			if (next == '\n') {
				int end = raw.size() - 1;
				if (end > start && raw.byteAt(end - 1) == '\r') {
					end--;
				}
				else if (part == Part.BODY) {
					throw HttpRequestException.badRequest("Chunked body line not ended by CRLF");
				}
				String line = raw.text(start, end);
				if (line.indexOf('\r') >= 0) {
					throw bareCarriageReturn();
				}
				return line;
			}
		}
	}

	private HttpRequestException headTooLarge() {
		return HttpRequestException.headTooLarge("Request head exceeds max-frame-size of " + this.maxSize + " bytes");
	}

	private HttpRequestException bodyTooLarge() {
		return HttpRequestException.tooLarge("Chunked request exceeds max-frame-size of " + this.maxSize + " bytes");
	}

	private static HttpRequestException bareCarriageReturn() {
		return HttpRequestException.badRequest("Bare CR in request");
	}

	private static HttpRequestException malformedChunkExtension() {
		return HttpRequestException.badRequest("Malformed chunk extension");
	}

	/**
	 * Where the token (RFC 9110 5.6.2) starting at an index ends.
	 */
	private static int tokenEnd(String text, int start) {
		int i = start;
		while (i < text.length() && isTokenChar(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int blankEnd(String text, int start) {
		int i = start;
		while (i < text.length() && isBlank(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	private static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	/**
	 * Whether a character may appear in a field value: HTAB, SP, visible ASCII or
	 * obs-text (0x80-0xFF, as every character of an ISO-8859-1 string above 0x7F is).
	 */
	private static boolean isFieldChar(char c) {
		return c == '\t' || (c >= ' ' && c != 0x7f);
	}

	/**
	 * The part of a request a line belongs to, which decides what its end of stream and
	 * its size limit mean.
	 */
	private enum Part {

		/**
		 * The request line, or an empty line before it.
		 */
		START,

		/**
		 * A header field line.
		 */
		HEAD,

		/**
		 * A chunk-size line, the line after chunk data or a trailer field line: ended by
		 * CRLF only.
		 */
		BODY

	}

	/**
	 * What the head says about the body and the connection.
	 */
	private static final class Head {

		private @Nullable Long contentLength;

		private @Nullable List<String> transferEncoding;

		private boolean host;

		private boolean connectionClose;

		private boolean connectionKeepAlive;

		private boolean expectContinue;

		void add(String name, String value) throws HttpRequestException {
			switch (name) {
				case "content-length" -> addContentLength(value);
				case "transfer-encoding" -> addTransferCodings(value);
				case "host" -> {
					if (this.host) {
						throw HttpRequestException.badRequest("More than one Host header");
					}
					if (!isHostAndPort(value, false)) {
						throw HttpRequestException.badRequest("Malformed Host header");
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

		/**
		 * Every header names its codings in order; empty list elements are ignored (RFC
		 * 9110 5.6.1).
		 */
		private void addTransferCodings(String value) {
			if (this.transferEncoding == null) {
				this.transferEncoding = new ArrayList<>(1);
			}
			for (String coding : value.split(",")) {
				String name = coding.strip();
				if (!name.isEmpty()) {
					this.transferEncoding.add(name.toLowerCase(Locale.ROOT));
				}
			}
		}

		private void addContentLength(String value) throws HttpRequestException {
			if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				throw HttpRequestException.badRequest("Malformed Content-Length");
			}
			long length = Long.parseLong(value);
			if (this.contentLength != null) {
				// RFC 9110 8.6 allows taking one of equal values; Netty, for one, refuses
				throw HttpRequestException.badRequest((this.contentLength == length)
						? "More than one Content-Length header" : "Conflicting Content-Length headers");
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
