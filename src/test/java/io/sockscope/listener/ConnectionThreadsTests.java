package io.sockscope.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which threads a listener's connections run on: at most {@code platform-threads}
 * platform threads on Java 21 and later, the rest virtual; a pooled platform thread each
 * on Java 17.
 */
@SpringBootTest(properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.echo.platform-threads=2",
		"sockscope.listeners.vt.port=0", "sockscope.listeners.vt.platform-threads=0" })
class ConnectionThreadsTests {

	private static final int CLIENTS = 6;

	/** On Java 17 the accept loop takes a thread of the connections' pool. */
	private static final int ACCEPT_LOOP_AND_CLIENTS = CLIENTS + 1;

	@Autowired
	ListenerRegistry listeners;

	private final List<TcpClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(TcpClient::close);
	}

	@Test
	void connectionsBeyondThePlatformThreadsRunOnVirtualThreads() {
		openAndEcho("echo");
		int expected = ConnectionExecutors.virtualThreadsAvailable() ? 2 : ACCEPT_LOOP_AND_CLIENTS;
		assertThat(connectionThreads("echo")).hasSize(expected);
		echoOnEach("again");
	}

	@Test
	void zeroPlatformThreadsRunsEveryConnectionOnAVirtualThread() {
		openAndEcho("vt");
		int expected = ConnectionExecutors.virtualThreadsAvailable() ? 0 : ACCEPT_LOOP_AND_CLIENTS;
		assertThat(connectionThreads("vt")).hasSize(expected);
	}

	private void openAndEcho(String listener) {
		for (int i = 0; i < CLIENTS; i++) {
			this.clients.add(TcpClient.connect(this.listeners.port(listener)));
		}
		// every connection has answered, so each is running on its thread
		echoOnEach("hello");
	}

	private void echoOnEach(String text) {
		for (int i = 0; i < this.clients.size(); i++) {
			String line = text + " " + i + "\n";
			assertThat(this.clients.get(i).send(line).readText(line)).isEqualTo(line);
		}
	}

	/**
	 * The listener's live pooled platform threads, named {@code sockscope-<listener>-<n>}.
	 * On Java 21 and later the accept loop's thread is named otherwise, and virtual
	 * threads are not listed at all.
	 */
	private static List<String> connectionThreads(String listener) {
		Pattern name = Pattern.compile("sockscope-" + listener + "-\\d+");
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((threadName) -> name.matcher(threadName).matches())
			.toList();
	}

}
