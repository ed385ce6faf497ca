package io.sockscope.mode;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.sockscope.connection.ErrorKind;
import io.sockscope.framing.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The HTTP/1.x request reader on bytes in memory, without sockets: what it accepts, what
 * it rejects and why (RFC 9112).
 */
class HttpRequestReaderTests {

	private static final int MAX_SIZE = 1024;

	@Test
	void requestIsReadAsTheExactBytesThatArrived() throws IOException {
		String request = "POST /a?b=c HTTP/1.1\r\nHost: h\r\nX-Case: MiXeD\r\nContent-Length: 3\r\n\r\nabc";
		HttpRequest read = read(request);
		assertThat(text(read.payload())).isEqualTo(request);
		assertThat(read.version()).isEqualTo("HTTP/1.1");
		assertThat(read.keepAlive()).isTrue();
	}

	@Test
	void nothingPastTheEndOfARequestIsRead() throws IOException {
		InputStream in = input("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
		HttpRequestReader reader = new HttpRequestReader(MAX_SIZE);
		assertThat(text(reader.read(in).payload())).startsWith("GET /1 ");
		assertThat(text(reader.read(in).payload())).startsWith("GET /2 ");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> reader.read(in));
	}

	@Test
	void bareLineFeedLineEndingsAreAcceptedForNetcatUsers() throws IOException {
		// RFC 9112 2.2 lets a recipient take a bare LF as a line terminator; printf and
		// nc
		// users type requests that way, and a bare LF cannot hide a line from a CRLF
		// parser
		String request = "POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nhi";
		assertThat(text(read(request).payload())).isEqualTo(request);
	}

	@Test
	void chunkedBodyWithExtensionsAndTrailersIsReadWithItsFraming() throws IOException {
		String request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "3;name=value;quoted=\"a \\\" b\"\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n";
		assertThat(text(read(request).payload())).isEqualTo(request);
	}

	@Test
	void transferCodingNamesAreCaseInsensitive() throws IOException {
		String request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n";
		assertThat(text(read(request).payload())).isEqualTo(request);
	}

	@Test
	void horizontalTabAndObsoleteTextInHeaderValuesAreAccepted() throws IOException {
		byte[] request = bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Tab: a\tb\r\nX-Latin: caf\u00e9\r\n\r\n");
		assertThat(new HttpRequestReader(MAX_SIZE).read(new ByteArrayInputStream(request)).payload())
			.isEqualTo(request);
	}

	@Test
	void aFewEmptyLinesBeforeTheRequestLineAreSkippedAndNotPartOfTheRequest() throws IOException {
		String request = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
		assertThat(text(read("\r\n".repeat(7) + "\n" + request).payload())).isEqualTo(request);
	}

	@Test
	void requestTargetFormsAreAcceptedForTheirMethods() throws IOException {
		assertThat(read("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").payload()).isNotEmpty();
		assertThat(read("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n").payload()).isNotEmpty();
		assertThat(read("CONNECT [::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").payload()).isNotEmpty();
		assertThat(read("GET http://example.com/x?y HTTP/1.1\r\nHost: example.com\r\n\r\n").payload()).isNotEmpty();
	}

	@Test
	void requestLineReadAsALineFrameIsReadOnWithItsTerminator() throws IOException {
		Frame requestLine = new Frame(bytes("GET / HTTP/1.1"), bytes("\r\n"));
		HttpRequest read = new HttpRequestReader(MAX_SIZE).readAfter(requestLine, input("Host: h\r\n\r\n"));
		assertThat(text(read.payload())).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
	}

	@Test
	void bareCarriageReturnInHeaderValueIsRejected() {
		assertThat(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\rX-B: two\r\n\r\n"))
			.hasMessage("Bare CR in request");
	}

	@Test
	void nulInHeaderValueIsRejected() {
		assertThat(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n"))
			.hasMessage("Control character in header value");
	}

	@ParameterizedTest
	@ValueSource(chars = { 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f })
	void controlCharactersOtherThanTabInHeaderValuesAreRejected(char control) {
		assertThat(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a" + control + "b\r\n\r\n"))
			.hasMessage("Control character in header value");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "identity, chunked", "gzip, chunked", "chunked, chunked", "chunked, gzip", "identity", "" })
	void transferEncodingOtherThanOneChunkedIsRejected(String codings) {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: " + codings + "\r\n\r\n0\r\n\r\n"))
			.hasMessageStartingWith("Transfer-Encoding");
	}

	@Test
	void chunkedNamedInTwoTransferEncodingHeadersIsRejected() {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
			.hasMessage("Transfer-Encoding names chunked more than once");
	}

	@Test
	void transferEncodingInAnHttp10RequestIsRejected() {
		assertThat(rejection("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
			.hasMessage("Transfer-Encoding in an HTTP/1.0 request");
	}

	@Test
	void bothContentLengthAndTransferEncodingAreRejected() {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
			.hasMessage("Both Content-Length and Transfer-Encoding");
	}

	@Test
	void obsoleteLineFoldingIsRejected() {
		assertThat(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n"))
			.hasMessage("Obsolete header line folding");
		assertThat(rejection("GET / HTTP/1.1\r\n Host: h\r\n\r\n")).hasMessage("Obsolete header line folding");
	}

	@Test
	void whitespaceBetweenHeaderNameAndColonIsRejected() {
		assertThat(rejection("GET / HTTP/1.1\r\nHost : h\r\n\r\n"))
			.hasMessage("Whitespace between header name and colon");
		assertThat(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A\t: a\r\n\r\n"))
			.hasMessage("Whitespace between header name and colon");
	}

	@Test
	void moreThanEightEmptyLinesBeforeTheRequestLineAreRejected() {
		assertThat(rejection("\r\n".repeat(9) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n"))
			.hasMessage("More than 8 empty lines before the request line");
		assertThat(rejection("\r\n".repeat(100_000))).hasMessage("More than 8 empty lines before the request line");
	}

	@Test
	void headOverTheLimitIsCountedAsOversizeWith431() {
		HttpRequestException tooLarge = rejection(
				"GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
		assertThat(tooLarge.getStatus()).isEqualTo(431);
		assertThat(tooLarge.getKind()).isEqualTo(ErrorKind.OVERSIZE);
		assertThat(tooLarge).hasMessage("Request head exceeds max-frame-size of 1024 bytes");
		assertThat(text(tooLarge.response())).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
	}

	@Test
	void requestLineOverTheLimitIsCountedAsOversizeWith431() {
		HttpRequestException tooLarge = rejection("GET /" + "a".repeat(2000) + " HTTP/1.1\r\n");
		assertThat(tooLarge.getStatus()).isEqualTo(431);
		assertThat(tooLarge.getKind()).isEqualTo(ErrorKind.OVERSIZE);
	}

	@Test
	void requestLineFrameOverTheLimitIsCountedAsOversize() {
		Frame requestLine = new Frame(bytes("GET /" + "a".repeat(MAX_SIZE) + " HTTP/1.1"), bytes("\r\n"));
		HttpRequestException tooLarge = catchThrowableOfType(HttpRequestException.class,
				() -> new HttpRequestReader(MAX_SIZE).readAfter(requestLine, input("Host: h\r\n\r\n")));
		assertThat(tooLarge.getKind()).isEqualTo(ErrorKind.OVERSIZE);
	}

	@Test
	void bodyOverTheLimitIsCountedAsOversizeWith413() {
		HttpRequestException tooLarge = rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\n\r\n");
		assertThat(tooLarge.getStatus()).isEqualTo(413);
		assertThat(tooLarge.getKind()).isEqualTo(ErrorKind.OVERSIZE);
		HttpRequestException chunked = rejection(
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n");
		assertThat(chunked.getStatus()).isEqualTo(413);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET foo HTTP/1.1", "GET * HTTP/1.1", "CONNECT / HTTP/1.1", "CONNECT example.com HTTP/1.1",
			"GET /a#fragment HTTP/1.1", "GET /caf\u00e9 HTTP/1.1", "GET http:// HTTP/1.1" })
	void malformedRequestTargetsAreRejected(String requestLine) {
		assertThat(rejection(requestLine + "\r\nHost: h\r\n\r\n")).hasMessage("Malformed request target");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET  / HTTP/1.1", "GET / HTTP/1.1 ", "G@T / HTTP/1.1", " GET / HTTP/1.1",
			"GET / HTTP/1.2", "GET / HTTP/2.0", "GET / http/1.1", "GET /\0 HTTP/1.1", "GET\t/ HTTP/1.1" })
	void malformedRequestLinesAreRejected(String requestLine) {
		assertThat(rejection(requestLine + "\r\nHost: h\r\n\r\n")).hasMessage("Malformed request line");
	}

	@Test
	void bareCarriageReturnInTheRequestLineIsRejected() {
		assertThat(rejection("GET /\r HTTP/1.1\r\nHost: h\r\n\r\n")).hasMessage("Bare CR in request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a\tb", "a/b", "a@b", "h:x" })
	void invalidHostValuesAreRejected(String host) {
		assertThat(rejection("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n")).hasMessage("Malformed Host header");
	}

	@ParameterizedTest
	@ValueSource(strings = { " 3", "3 ", "-3", "0x3", "", "3;", "3;=v", "3;n=", "3;n=\"open", "3;n=a b", "3;n=\u0001",
			"3;n=\"\u0001\"", "3\0" })
	void malformedChunkSizeLinesAreRejected(String sizeLine) {
		assertThat(rejection(
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + sizeLine + "\r\nabc\r\n0\r\n\r\n"))
			.hasMessageStartingWith("Malformed chunk");
	}

	@Test
	void chunkSizeWithBlankSpaceBeforeAnExtensionIsAccepted() throws IOException {
		String request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "003 ; n = v\r\nabc\r\n0\r\n\r\n";
		assertThat(text(read(request).payload())).isEqualTo(request);
	}

	@Test
	void bareCarriageReturnInAChunkSizeLineIsRejected() {
		assertThat(
				rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r;x\r\nabc\r\n0\r\n\r\n"))
			.hasMessage("Bare CR in request");
	}

	@Test
	void trailerFieldsAreValidatedLikeHeaders() {
		String chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
		assertThat(rejection(chunked + "X-T: a\0b\r\n\r\n")).hasMessage("Control character in header value");
		assertThat(rejection(chunked + "X-T : a\r\n\r\n")).hasMessage("Whitespace between header name and colon");
		assertThat(rejection(chunked + "X-T: a\r\n b\r\n\r\n")).hasMessage("Obsolete header line folding");
		assertThat(rejection(chunked + "no colon\r\n\r\n")).hasMessage("Malformed header line");
	}

	@Test
	void secondContentLengthIsRejectedEvenWithTheSameValue() {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"))
			.hasMessage("More than one Content-Length header");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3\nabc\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n", "4\r\nabc\r\n0\r\n\r\n",
			"3\r\nabc\r\n0\n\r\n", "3\r\nabc\r\n0\r\nX-T: t\n\r\n", "3\r\nabc\r\n0\r\n\n" })
	void chunkedBodyLinesEndedByABareLineFeedAreRejected(String body) {
		// the third: a chunk of 4 whose data ends in the CR that a lenient parser takes
		// for
		// half of the line's CRLF (a finding of the fuzz tests)
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body))
			.hasMessage("Chunked body line not ended by CRLF");
	}

	@Test
	void chunkDataLongerThanItsSizeIsRejected() {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"))
			.hasMessage("Chunk data longer than its size");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+3", "3 3", "3,3", "0x3", "", "\u00b3" })
	void malformedContentLengthIsRejected(String value) {
		assertThat(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + value + "\r\n\r\nabc"))
			.hasMessage("Malformed Content-Length");
	}

	@Test
	void streamEndingInsideARequestIsAnEndOfStreamInsideIt() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> read("GET / HTTP/1.1\r\nHost: h\r\n"));
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> read("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nabc"));
	}

	private static HttpRequest read(String request) throws IOException {
		return new HttpRequestReader(MAX_SIZE).read(input(request));
	}

	private static HttpRequestException rejection(String request) {
		HttpRequestException rejection = catchThrowableOfType(HttpRequestException.class, () -> read(request));
		assertThat(rejection).as("rejection of %s", request.replace("\r", "\\r").replace("\n", "\\n")).isNotNull();
		return rejection;
	}

	private static InputStream input(String text) {
		return new ByteArrayInputStream(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
