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
// listener names no other test uses: the test counts threads by name, and the contexts of
// other test classes, with their own "echo" listeners, live in the same JVM
@SpringBootTest(properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.pooled.port=0",
		"sockscope.listeners.pooled.platform-threads=2", "sockscope.listeners.unpooled.port=0",
		"sockscope.listeners.unpooled.platform-threads=0" })
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
		openAndEcho("pooled");
		int expected = ConnectionExecutors.virtualThreadsAvailable() ? 2 : ACCEPT_LOOP_AND_CLIENTS;
		assertThat(connectionThreads("pooled")).hasSize(expected);
		echoOnEach("again");
	}

	@Test
	void zeroPlatformThreadsRunsEveryConnectionOnAVirtualThread() {
		openAndEcho("unpooled");
		int expected = ConnectionExecutors.virtualThreadsAvailable() ? 0 : ACCEPT_LOOP_AND_CLIENTS;
		assertThat(connectionThreads("unpooled")).hasSize(expected);
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
