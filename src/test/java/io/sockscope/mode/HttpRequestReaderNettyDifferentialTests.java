package io.sockscope.mode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP reader against Netty's {@link HttpRequestDecoder} on one corpus of valid and
 * invalid requests: both must accept the same requests, with the same head (method,
 * target, version, header fields in order), and reject the same ones, except where
 * sockscope is deliberately stricter; each of those is listed with its reason.
 */
class HttpRequestReaderNettyDifferentialTests {

	private static final int MAX_SIZE = 4096;

	/**
	 * A Netty defect the fuzz tests found: a byte over 0x7F inside a quoted chunk
	 * extension (obs-text, which RFC 9110 5.6.4 allows in a quoted-string) makes its
	 * decoder fail with an IndexOutOfBoundsException ("bitIndex < 0").
	 */
	static final String NETTY_OBS_TEXT_CHUNK_EXTENSION = "obs-text in a quoted chunk extension: allowed by RFC 9110, "
			+ "Netty's decoder fails on it with an IndexOutOfBoundsException";

	static Stream<Arguments> validRequests() {
		return Stream.of("GET / HTTP/1.1\r\nHost: h\r\n\r\n",
				"POST /form HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nhogehge",
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n0003;a=b;c=\"d e\"\r\nabc\r\n0\r\nX-T: t\r\n\r\n",
				"GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
				"\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
				"GET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n",
				"OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
				"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
				"GET /a?b=c|d{e}^ HTTP/1.1\r\nHost: h\r\n\r\n", "get / HTTP/1.1\r\nHost: h\r\n\r\n",
				"PURGE /x HTTP/1.1\r\nHost: h\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: h\r\nX-Tab: a\tb\r\nX-Ows: \t padded \t\r\nX-Empty:\r\nX-Empty-Space: \r\n\r\n",
				"GET / HTTP/1.1\r\nHost: h\r\nX-Latin: caf\u00e9 \u00ff\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-A: 2\r\nx-a: 3\r\n\r\n",
				"GET / HTTP/1.1\r\nhost: [::1]:8080\r\n\r\n", "GET / HTTP/1.1\r\nHost:\r\n\r\n",
				"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
				"POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx",
				"GET / HTTP/1.1\r\nHost: h\r\nX-Quote: \"a, b\"; c=\\\"\r\n\r\n")
			.map(Arguments::of);
	}

	static Stream<Arguments> invalidRequests() {
		return Stream
			.of("NOT A REQUEST\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc",
					"GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\n: empty name\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\r\nX(A): x\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\nabc\r\n0\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u0001b\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u007fb\r\n\r\n", "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nX-A\t: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n",
					"G(T / HTTP/1.1\r\nHost: h\r\n\r\n", "GET / FTP/1.1\r\nHost: h\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc",
					"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
					"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: h\r\nX-A: one\rX-B: two\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;n=a b\r\nabc\r\n0\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;n=\u0001\r\nabc\r\n0\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: a\u0000b\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabc\r\n0\r\n\r\n",
					"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n")
			.map(Arguments::of);
	}

	/**
	 * Requests Netty accepts and sockscope rejects, on purpose.
	 */
	static Stream<Arguments> rejectedOnlyBySockscope() {
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n",
				"a coding other than chunked: sockscope decodes none, and 'identity' is no longer a registered coding");
		cases.put("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
				"a coding other than chunked: sockscope decodes none");
		cases.put("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
				"chunked twice: RFC 9112 7 forbids applying chunked more than once");
		cases.put(
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
				"chunked twice, in two fields");
		cases.put("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n",
				"obsolete line folding: RFC 9112 5.2 lets a server reject it; Netty joins the lines");
		cases.put("\r\n".repeat(9) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
				"more than 8 empty lines before the request line: a client that does not speak HTTP");
		cases.put("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 without Host: RFC 9112 3.2 says a server must answer 400");
		cases.put("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "two Host fields: RFC 9112 3.2, 400");
		cases.put("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "Host that is not uri-host [:port]: RFC 9112 3.2, 400");
		cases.put("GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
				"two spaces in the request line: RFC 9112 3 asks for single SP");
		cases.put("GET /\t HTTP/1.1\r\nHost: h\r\n\r\n", "tab in the request line");
		cases.put(" GET / HTTP/1.1\r\nHost: h\r\n\r\n", "whitespace before the method");
		cases.put("GET / HTTP/1.2\r\nHost: h\r\n\r\n", "only HTTP/1.0 and HTTP/1.1 are read");
		cases.put("GET foo HTTP/1.1\r\nHost: h\r\n\r\n", "target in none of the four forms of RFC 9112 3.2");
		cases.put("GET * HTTP/1.1\r\nHost: h\r\n\r\n", "asterisk-form is for OPTIONS only");
		cases.put("GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n", "a fragment is never part of a request target");
		cases.put("GET /caf\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n", "non-ASCII byte in the target: URIs are ASCII");
		cases.put("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n",
				"blank space after a chunk size with no extension: not in the chunk-size grammar");
		cases.put("GET\u0000 / HTTP/1.1\r\nHost: h\r\n\r\n", "NUL in the method: a method is a token");
		return cases.entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	/**
	 * Requests Netty rejects and sockscope accepts, on purpose.
	 */
	static Stream<Arguments> acceptedOnlyBySockscope() {
		String reason = "bare LF line endings: RFC 9112 2.2 lets a recipient accept them, and people type requests "
				+ "with printf and netcat; a bare LF cannot hide a line from a parser that splits on CRLF";
		return Stream.of(Arguments.of("GET / HTTP/1.1\nHost: h\nX-A: a\n\n", reason),
				Arguments.of("POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nhi", reason),
				Arguments.of("GET / HTTP/1.1\r\nHost: h\nX-A: a\r\n\r\n", reason),
				Arguments.of("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "3;c=\"d\u00c4\"\r\nabc\r\n0\r\n\r\n", NETTY_OBS_TEXT_CHUNK_EXTENSION));
	}

	@ParameterizedTest
	@MethodSource("validRequests")
	void validRequestIsAcceptedByBothWithTheSameHead(String request) {
		Verdict sockscope = sockscope(request);
		Verdict netty = netty(request);
		assertThat(sockscope.accepted()).as("sockscope: %s", sockscope.problem()).isTrue();
		assertThat(netty.accepted()).as("Netty: %s", netty.problem()).isTrue();
		assertThat(sockscope.head()).isEqualTo(netty.head());
	}

	@ParameterizedTest
	@MethodSource("invalidRequests")
	void invalidRequestIsRejectedByBoth(String request) {
		assertThat(sockscope(request).accepted()).as("sockscope accepts %s", escaped(request)).isFalse();
		assertThat(netty(request).accepted()).as("Netty accepts %s", escaped(request)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("rejectedOnlyBySockscope")
	void requestNettyAcceptsIsRejectedBySockscopeOnPurpose(String request, String reason) {
		assertThat(sockscope(request).accepted()).as(reason).isFalse();
		Verdict netty = netty(request);
		assertThat(netty.accepted())
			.as("Netty rejects %s (%s): move it to invalidRequests", escaped(request), netty.problem())
			.isTrue();
	}

	private static String escaped(String request) {
		return request.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
	}

	@ParameterizedTest
	@MethodSource("acceptedOnlyBySockscope")
	void requestNettyRejectsIsAcceptedBySockscopeOnPurpose(String request, String reason) {
		Verdict sockscope = sockscope(request);
		assertThat(sockscope.accepted()).as(sockscope.problem()).isTrue();
		Verdict netty = netty(request);
		assertThat(netty.accepted()).as(reason).isFalse();
		assertThat(netty.isNettyObsTextChunkExtensionDefect()).isEqualTo(reason.equals(NETTY_OBS_TEXT_CHUNK_EXTENSION));
	}

	/**
	 * What sockscope's reader makes of one request, its head as the fields of the bytes
	 * it accepted.
	 */
	static Verdict sockscope(String request) {
		try {
			HttpRequest read = new HttpRequestReader(MAX_SIZE)
				.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.ISO_8859_1)));
			return Verdict.accepted(headOf(new String(read.payload(), StandardCharsets.ISO_8859_1)));
		}
		catch (IOException ex) {
			return Verdict.rejected(ex.toString());
		}
	}

	/**
	 * What Netty's decoder makes of one request: accepted if it decodes a request and its
	 * last content without a failure.
	 */
	static Verdict netty(String request) {
		// limits above any sockscope's fuzz tests use, so that only sockscope's limit
		// applies
		EmbeddedChannel channel = new EmbeddedChannel(
				new HttpRequestDecoder(new HttpDecoderConfig().setMaxInitialLineLength(65536).setMaxHeaderSize(65536)));
		try {
			channel.writeInbound(Unpooled.wrappedBuffer(request.getBytes(StandardCharsets.ISO_8859_1)));
			List<String> head = null;
			Object message;
			while ((message = channel.readInbound()) != null) {
				try {
					if (message instanceof DecoderResultProvider provider && provider.decoderResult().isFailure()) {
						return Verdict.rejected(String.valueOf(provider.decoderResult().cause()));
					}
					if (message instanceof io.netty.handler.codec.http.HttpRequest decoded && head == null) {
						head = headOf(decoded);
					}
					if (message instanceof LastHttpContent) {
						return (head != null) ? Verdict.accepted(head) : Verdict.rejected("no request");
					}
				}
				finally {
					ReferenceCountUtil.release(message);
				}
			}
			return Verdict.rejected("incomplete");
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	private static List<String> headOf(io.netty.handler.codec.http.HttpRequest request) {
		List<String> head = new ArrayList<>();
		head.add(request.method().name());
		head.add(request.uri());
		head.add(request.protocolVersion().text());
		request.headers().forEach((field) -> head.add(field.getKey() + ": " + field.getValue()));
		return head;
	}

	/**
	 * The head of a request sockscope accepted, read the simple way its validity allows:
	 * lines end at LF (after an optional CR), the request line has three parts, a field
	 * splits at its first colon.
	 */
	private static List<String> headOf(String accepted) {
		List<String> head = new ArrayList<>();
		String[] lines = accepted.split("\r?\n", -1);
		head.addAll(List.of(lines[0].split(" ")));
		for (int i = 1; !lines[i].isEmpty(); i++) {
			int colon = lines[i].indexOf(':');
			head.add(lines[i].substring(0, colon) + ": " + lines[i].substring(colon + 1).strip());
		}
		return head;
	}

	record Verdict(boolean accepted, @Nullable List<String> head, String problem) {

		static Verdict accepted(List<String> head) {
			return new Verdict(true, head, "");
		}

		static Verdict rejected(String problem) {
			return new Verdict(false, null, problem);
		}

		/**
		 * Whether Netty failed with its obs-text chunk extension defect.
		 * @return {@code true} if it did
		 */
		boolean isNettyObsTextChunkExtensionDefect() {
			return this.problem.startsWith("java.lang.IndexOutOfBoundsException: bitIndex < 0");
		}

	}

}
