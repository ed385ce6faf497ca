package io.sockscope.mode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.PrometheusScrape;
import io.sockscope.support.ProcessRun;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's "HTTP Request Check": the real curl against sockscope's HTTP-aware modes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.web.port=0",
				"sockscope.listeners.web.mode=http", "sockscope.listeners.web.max-frame-size=1KB",
				"sockscope.listeners.quiet.port=0", "sockscope.listeners.quiet.mode=sink" })
@ExtendWith(OutputCaptureExtension.class)
class HttpModesTests {

	@Autowired
	ListenerRegistry listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void curlPostPrintsTheExactRequestItSent() {
		ProcessRun curl = curl("-s", "-d", "hogehge", url("echo"));
		assertThat(curl.exitCode()).as(curl.stderr()).isZero();
		assertThat(curl.stdout()).startsWith("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port("echo") + "\r\n")
			.contains("\r\nContent-Length: 7\r\n")
			.contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n")
			.endsWith("\r\n\r\nhogehge");
	}

	@Test
	void curlVerboseShowsA200WithTheRightHeaders() {
		ProcessRun curl = curl("-sv", "-d", "hogehge", url("echo"));
		assertThat(curl.stderr()).contains("< HTTP/1.1 200 OK")
			.contains("< Content-Type: text/plain; charset=utf-8")
			.contains("< Content-Length: " + curl.stdout().getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void twoUrlsOnOneKeptAliveConnectionGetTwoAnswers() {
		ProcessRun curl = curl("-sv", url("echo") + "first", url("echo") + "second");
		assertThat(curl.exitCode()).isZero();
		assertThat(curl.stderr()).contains("Re-using existing connection");
		assertThat(curl.stdout()).contains("GET /first HTTP/1.1\r\n").contains("GET /second HTTP/1.1\r\n");
		assertThat(curl.stderr().split("< HTTP/1.1 200 OK", -1)).hasSize(3);
	}

	@Test
	void chunkedUploadIsEchoedWithItsChunkFraming(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("upload.txt");
		Files.writeString(file, "line one\nline two\n".repeat(20));
		ProcessRun curl = curl("-s", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file, url("echo"));
		assertThat(curl.exitCode()).isZero();
		assertThat(curl.stdout()).contains("Transfer-Encoding: chunked\r\n")
			.contains("\r\n\r\n168\r\nline one\nline two\n")
			.endsWith("\r\n0\r\n\r\n");
	}

	@Test
	void expectContinueGetsAnInterimResponseBeforeTheBody() {
		ProcessRun curl = curl("-sv", "-H", "Expect: 100-continue", "-d", "body", url("echo"));
		assertThat(curl.stderr()).contains("< HTTP/1.1 100 Continue").contains("< HTTP/1.1 200 OK");
		assertThat(curl.stdout()).contains("Expect: 100-continue\r\n").endsWith("\r\n\r\nbody");
	}

	@Test
	void lineClientOnTheSameAutoListenerGetsItsLineEchoed() {
		try (TcpClient client = TcpClient.connect(port("echo"))) {
			assertThat(client.send("not http\r\n").readText("not http\r\n")).isEqualTo("not http\r\n");
			assertThat(client.send("GET is not a request line\n").readText("GET is not a request line\n"))
				.isEqualTo("GET is not a request line\n");
		}
	}

	@Test
	void requestWrittenOneByteAtATimeIsAssembled() {
		String request = "POST /slow HTTP/1.1\r\nHost: here\r\nContent-Length: 5\r\n\r\nhello";
		try (TcpClient client = TcpClient.connect(port("web"))) {
			for (byte b : request.getBytes(StandardCharsets.US_ASCII)) {
				client.send(new byte[] { b });
			}
			String response = text(client.read(response(request).length()));
			assertThat(response).isEqualTo(response(request));
		}
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrderAndConnectionCloseCloses() {
		String first = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n";
		String second = "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
		String third = "GET /3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
		try (TcpClient client = TcpClient.connect(port("web"))) {
			client.send(first + second + third);
			assertThat(text(client.readToEnd()))
				.isEqualTo(response(first) + response(second) + response(third, "Connection: close\r\n"));
		}
	}

	@Test
	void http10ClosesUnlessAskedToKeepAlive() {
		String request = "GET / HTTP/1.0\r\n\r\n";
		try (TcpClient client = TcpClient.connect(port("web"))) {
			assertThat(text(client.send(request).readToEnd())).isEqualTo(response(request, "Connection: close\r\n"));
		}
	}

	@Test
	void malformedRequestsGet400AndTheConnectionCloses(CapturedOutput output) {
		assertThat(exchangeToEnd("web", "NOT A REQUEST\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n")
			.contains("Connection: close\r\n")
			.endsWith("\r\n\r\nMalformed request line\n");
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\n\r\n")).endsWith("Missing Host header\n");
		assertThat(exchangeToEnd("web", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"))
			.endsWith("Conflicting Content-Length headers\n");
		assertThat(exchangeToEnd("web",
				"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
			.endsWith("Both Content-Length and Transfer-Encoding\n");
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n"))
			.endsWith("Obsolete header line folding\n");
		assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContainPattern("\\n\\s+at [a-z]");
	}

	@Test
	void requestsThatAnotherParserCouldReadDifferentlyGet400AndAreCountedAsDecodeErrors() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\nHost: h\r\nX-A: one\rX-B: two\r\n\r\n"))
			.startsWith("HTTP/1.1 400 Bad Request\r\n")
			.endsWith("\r\n\r\nBare CR in request\n");
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n"))
			.startsWith("HTTP/1.1 400 Bad Request\r\n")
			.endsWith("\r\n\r\nControl character in header value\n");
		assertThat(exchangeToEnd("web",
				"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n"))
			.startsWith("HTTP/1.1 400 Bad Request\r\n")
			.endsWith("\r\n\r\nTransfer-Encoding other than chunked\n");
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\nHost : h\r\n\r\n"))
			.endsWith("\r\n\r\nWhitespace between header name and colon\n");
		assertThat(exchangeToEnd("web", "\r\n".repeat(100_000))).startsWith("HTTP/1.1 400 Bad Request\r\n")
			.endsWith("\r\n\r\nMore than 8 empty lines before the request line\n");
		await().untilAsserted(() -> assertThat(PrometheusScrape.of(this.managementPort)
			.value("sockscope_errors_total{kind=\"decode\",listener=\"web\"}")
				- before.value("sockscope_errors_total{kind=\"decode\",listener=\"web\"}"))
			.isEqualTo(5));
	}

	@Test
	void bareCarriageReturnInAHeaderValueIsRejectedOnTheAutoListenerToo() {
		assertThat(exchangeToEnd("echo", "GET / HTTP/1.1\r\nHost: h\r\nX-A: one\rX-B: two\r\n\r\n"))
			.startsWith("HTTP/1.1 400 Bad Request\r\n")
			.endsWith("\r\n\r\nBare CR in request\n");
	}

	@Test
	void oversizeHeadGets431AndIsCountedAsOversize() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		assertThat(exchangeToEnd("web", "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n"))
			.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
			.endsWith("\r\n\r\nRequest head exceeds max-frame-size of 1024 bytes\n");
		await().untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(this.managementPort);
			assertThat(after.value("sockscope_errors_total{kind=\"oversize\",listener=\"web\"}")
					- before.value("sockscope_errors_total{kind=\"oversize\",listener=\"web\"}"))
				.isEqualTo(1);
			assertThat(after.value("sockscope_errors_total{kind=\"decode\",listener=\"web\"}")
					- before.value("sockscope_errors_total{kind=\"decode\",listener=\"web\"}"))
				.isZero();
		});
	}

	@Test
	void oversizeBodyGets413AndIsCounted() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		ProcessRun curl = curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "x".repeat(2000),
				url("web"));
		assertThat(curl.stdout()).isEqualTo("413");
		await().untilAsserted(() -> assertThat(PrometheusScrape.of(this.managementPort)
			.value("sockscope_errors_total{kind=\"oversize\",listener=\"web\"}")
				- before.value("sockscope_errors_total{kind=\"oversize\",listener=\"web\"}"))
			.isEqualTo(1));
	}

	@Test
	void sinkModeLogsAndCountsButNeverReplies(CapturedOutput output) {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		try (TcpClient client = TcpClient.connect(port("quiet"))) {
			client.send("into the void\n").halfClose();
			assertThat(client.readToEnd()).isEmpty();
		}
		await().untilAsserted(() -> assertThat(output.getOut()).contains("listener=quiet conn=")
			.contains("direction=in bytes=13 payload=\"into the void\""));
		await().untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(this.managementPort);
			assertThat(after.value("sockscope_frames_received_total{listener=\"quiet\"}")
					- before.value("sockscope_frames_received_total{listener=\"quiet\"}"))
				.isEqualTo(1);
			assertThat(after.value("sockscope_sent_bytes_total{listener=\"quiet\"}")).isZero();
		});
	}

	private String exchangeToEnd(String listener, String request) {
		try (TcpClient client = TcpClient.connect(port(listener))) {
			return text(client.send(request).readToEnd());
		}
	}

	private static String response(String request) {
		return response(request, "");
	}

	private static String response(String request, String extraHeader) {
		return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
				+ request.getBytes(StandardCharsets.UTF_8).length + "\r\n" + extraHeader + "\r\n" + request;
	}

	private static ProcessRun curl(String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("curl", "--max-time", "20"));
		command.addAll(List.of(args));
		return ProcessRun.run(command);
	}

	private String url(String listener) {
		return "http://127.0.0.1:" + port(listener) + "/";
	}

	private int port(String listener) {
		return this.listeners.port(listener);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
