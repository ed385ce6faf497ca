package io.sockscope.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application with a listener for every framing, all talked to at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sockscope.listeners.echo.enabled=false",
		"sockscope.listeners.line.port=0", "sockscope.listeners.crlf.port=0", "sockscope.listeners.crlf.framing=crlf",
		"sockscope.listeners.lf.port=0", "sockscope.listeners.lf.framing=lf", "sockscope.listeners.nul.port=0",
		"sockscope.listeners.nul.framing=null", "sockscope.listeners.raw.port=0", "sockscope.listeners.raw.framing=raw",
		"sockscope.listeners.lh1.port=0", "sockscope.listeners.lh1.framing=length-header-1",
		"sockscope.listeners.lh2.port=0", "sockscope.listeners.lh2.framing=length-header-2",
		"sockscope.listeners.lh4.port=0", "sockscope.listeners.lh4.framing=length-header-4",
		"sockscope.listeners.stx.port=0", "sockscope.listeners.stx.framing=stx-etx" })
class FramingListenersTests {

	@Autowired
	ListenerRegistry listeners;

	@Test
	void everyListenerIsRunningOnItsOwnPort() {
		assertThat(this.listeners.names()).containsExactlyInAnyOrder("line", "crlf", "lf", "nul", "raw", "lh1", "lh2",
				"lh4", "stx");
		assertThat(this.listeners.names().stream().map(this.listeners::port).distinct()).hasSize(9);
	}

	@Test
	void crlfListenerEndsFramesOnlyAtCrlf() {
		assertThat(exchange("crlf", bytes("a\nb\r\n"), 5)).isEqualTo(bytes("a\nb\r\n"));
	}

	@Test
	void lfListenerKeepsCarriageReturnsInThePayload() {
		assertThat(exchange("lf", bytes("a\r\nb\n"), 5)).isEqualTo(bytes("a\r\nb\n"));
	}

	@Test
	void nullListenerEndsFramesAtNul() {
		assertThat(exchange("nul", bytes("one\0two\0"), 8)).isEqualTo(bytes("one\0two\0"));
	}

	@Test
	void lengthHeaderListenersReplyWithTheSameHeader() {
		assertThat(exchange("lh1", new byte[] { 3, 'a', 'b', 'c' }, 4)).containsExactly(3, 'a', 'b', 'c');
		assertThat(exchange("lh2", new byte[] { 0, 2, 'h', 'i', 0, 0 }, 6)).containsExactly(0, 2, 'h', 'i', 0, 0);
		assertThat(exchange("lh4", new byte[] { 0, 0, 0, 1, '!' }, 5)).containsExactly(0, 0, 0, 1, '!');
	}

	@Test
	void stxEtxListenerWrapsRepliesTheSameWay() {
		assertThat(exchange("stx", new byte[] { 2, 'o', 'k', 3 }, 4)).containsExactly(2, 'o', 'k', 3);
	}

	@Test
	void rawListenerRepliesAfterTheHalfCloseAndThenCloses() {
		try (TcpClient client = TcpClient.connect(this.listeners.port("raw"))) {
			client.send("everything\nat once").halfClose();
			assertThat(client.readToEnd()).isEqualTo(bytes("everything\nat once"));
		}
	}

	@Test
	void allFramingsServeClientsAtTheSameTime() throws Exception {
		List<CompletableFuture<Boolean>> results = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			results.add(CompletableFuture.supplyAsync(() -> exchangeMatches("line", bytes("x\r\n"), bytes("x\r\n"))));
			results.add(CompletableFuture.supplyAsync(() -> exchangeMatches("crlf", bytes("y\r\n"), bytes("y\r\n"))));
			results.add(CompletableFuture
				.supplyAsync(() -> exchangeMatches("lh2", new byte[] { 0, 1, 'z' }, new byte[] { 0, 1, 'z' })));
			results.add(CompletableFuture
				.supplyAsync(() -> exchangeMatches("stx", new byte[] { 2, 'w', 3 }, new byte[] { 2, 'w', 3 })));
			results.add(CompletableFuture.supplyAsync(() -> {
				try (TcpClient client = TcpClient.connect(this.listeners.port("raw"))) {
					return new String(client.send("r").halfClose().readToEnd(), StandardCharsets.UTF_8).equals("r");
				}
			}));
		}
		for (CompletableFuture<Boolean> result : results) {
			assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private boolean exchangeMatches(String listener, byte[] request, byte[] expected) {
		return java.util.Arrays.equals(exchange(listener, request, expected.length), expected);
	}

	private byte[] exchange(String listener, byte[] request, int replyLength) {
		try (TcpClient client = TcpClient.connect(this.listeners.port(listener))) {
			return client.send(request).read(replyLength);
		}
	}

	private static byte[] bytes(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
