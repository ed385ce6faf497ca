package io.sockscope.listener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.sockscope.support.SockscopeTest;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SockscopeTest
@ExtendWith(OutputCaptureExtension.class)
class EchoListenerTests {

	@Autowired
	ListenerRegistry listeners;

	@Autowired
	ApplicationContext context;

	@Test
	void lineClientGetsEachLineBackWithTheTerminatorItSent() {
		try (TcpClient client = TcpClient.connect(echoPort())) {
			client.send("aaaa\n");
			assertThat(client.readText("aaaa\n")).isEqualTo("aaaa\n");
			client.send("bbb\r\n");
			assertThat(client.readText("bbb\r\n")).isEqualTo("bbb\r\n");
		}
	}

	@Test
	void linesSentInOneWriteAreAnsweredInOrder() {
		try (TcpClient client = TcpClient.connect(echoPort())) {
			client.send("one\ntwo\r\nthree\n");
			assertThat(client.readText("one\ntwo\r\nthree\n")).isEqualTo("one\ntwo\r\nthree\n");
		}
	}

	@Test
	void repliesToPipelinedFramesArriveBeforeTheServerWaitsForAPartialOne() {
		try (TcpClient client = TcpClient.connect(echoPort())) {
			client.send("a\nb\r\nhal");
			assertThat(client.readText("a\nb\r\n")).isEqualTo("a\nb\r\n");
			client.send("f\n");
			assertThat(client.readText("half\n")).isEqualTo("half\n");
		}
	}

	@Test
	void emptyLineIsEchoed() {
		try (TcpClient client = TcpClient.connect(echoPort())) {
			client.send("\r\n\n");
			assertThat(client.readText("\r\n\n")).isEqualTo("\r\n\n");
		}
	}

	@Test
	void fiftyConcurrentClientsEachGetTheirOwnRepliesInOrder() throws Exception {
		int clients = 50;
		int linesEach = 40;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<CompletableFuture<String>> replies = new ArrayList<>();
			List<String> expected = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				StringBuilder request = new StringBuilder();
				for (int i = 0; i < linesEach; i++) {
					request.append("client-").append(c).append(" line-").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
				}
				String text = request.toString();
				expected.add(text);
				replies.add(CompletableFuture.supplyAsync(() -> {
					try (TcpClient client = TcpClient.connect(echoPort())) {
						// pipelined: everything in one write, then read it all back
						client.send(text);
						return client.readText(text);
					}
				}, pool));
			}
			for (int c = 0; c < clients; c++) {
				assertThat(replies.get(c).get(30, TimeUnit.SECONDS)).isEqualTo(expected.get(c));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void controlAndNonUtf8BytesAreLoggedEscapedOnOneLine(CapturedOutput output) {
		byte[] hostile = "x\rforged INFO line\u001b[31m\"q\"\\".getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[hostile.length + 3];
		System.arraycopy(hostile, 0, frame, 0, hostile.length);
		frame[hostile.length] = (byte) 0xff;
		frame[hostile.length + 1] = '\r';
		frame[hostile.length + 2] = '\n';
		try (TcpClient client = TcpClient.connect(echoPort())) {
			client.send(frame);
			assertThat(client.read(frame.length)).isEqualTo(frame);
		}
		String expected = "direction=in bytes=" + (hostile.length + 1)
				+ " payload=\"x\\rforged INFO line\\x1b[31m\\\"q\\\"\\\\\\xff\"";
		await().untilAsserted(() -> assertThat(output.getOut()).contains(expected));
		assertThat(output.getOut().lines().filter((line) -> line.contains("forged INFO line")))
			.allSatisfy((line) -> assertThat(line).contains("sockscope.frames"));
	}

	@Test
	void connectionOpenAndCloseAreLoggedWithPeerAndTotals(CapturedOutput output) {
		int localPort;
		try (TcpClient client = TcpClient.connect(echoPort())) {
			localPort = client.socket().getLocalPort();
			client.send("hello\n");
			assertThat(client.readText("hello\n")).isEqualTo("hello\n");
		}
		String peer = "peer=127.0.0.1:" + localPort;
		await().untilAsserted(() -> assertThat(output.getOut())
			.containsPattern("open listener=echo conn=\\d+ " + peer + "\\R")
			.containsPattern(
					"close listener=echo conn=\\d+ " + peer + " reason=client duration=\\d+ms received=6 sent=6"));
	}

	@Test
	void closedConnectionsLeaveTheListenersConnectionMap() {
		ListenerConnectionFactory factory = this.context.getBean("sockscope.listener.echo.connections",
				ListenerConnectionFactory.class);
		List<TcpClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				TcpClient client = TcpClient.connect(echoPort());
				clients.add(client);
				assertThat(client.send("c" + i + "\n").readText("c" + i + "\n")).isEqualTo("c" + i + "\n");
			}
			assertThat(factory.trackedConnections()).isGreaterThanOrEqualTo(20);
		}
		finally {
			clients.forEach(TcpClient::close);
		}
		await().until(() -> factory.trackedConnections() == 0 && factory.activeConnections() == 0);
	}

	private int echoPort() {
		return this.listeners.port("echo");
	}

}
