package io.sockscope.mode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.TcpClient;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relay listeners ({@code length-header-4}) in front of a {@code line} upstream that
 * misbehaves on request ({@link ScriptedUpstream}), one with a pool of a single upstream
 * connection and one with a connection per client: whatever the upstream does, a client
 * only ever receives the replies to its own frames, in order, or error frames.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayIsolationTests {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private static ScriptedUpstream upstream;

	private static ServerSocket fullBacklog;

	private static final List<Socket> backlogFillers = new ArrayList<>();

	private static ConfigurableApplicationContext relay;

	@BeforeAll
	static void startUpstreamAndRelay() throws IOException {
		upstream = ScriptedUpstream.start(TIMEOUT.multipliedBy(2));
		fullBacklog = fullBacklog();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--sockscope.listeners.echo.enabled=false"));
		args.addAll(relayListener("pooled", upstream.port(), "pooled"));
		args.addAll(relayListener("perclient", upstream.port(), "per-client"));
		args.addAll(relayListener("unreachable", fullBacklog.getLocalPort(), "per-client"));
		relay = new SpringApplicationBuilder(SockscopeApplication.class).run(args.toArray(String[]::new));
	}

	private static List<String> relayListener(String name, int upstreamPort, String connections) {
		String prefix = "--sockscope.listeners." + name + ".";
		return List.of(prefix + "port=0", prefix + "framing=length-header-4", prefix + "mode=relay",
				prefix + "max-frame-size=1KB", prefix + "relay.host=127.0.0.1", prefix + "relay.port=" + upstreamPort,
				prefix + "relay.framing=line", prefix + "relay.timeout=" + TIMEOUT.toMillis() + "ms",
				prefix + "relay.pool-size=1", prefix + "relay.connections=" + connections);
	}

	/**
	 * A port whose accept queue is full: the kernel drops further connection attempts, so
	 * connecting to it takes until the connect timeout.
	 */
	private static ServerSocket fullBacklog() throws IOException {
		ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		while (true) {
			Socket filler = new Socket();
			try {
				filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
				backlogFillers.add(filler);
			}
			catch (SocketTimeoutException ex) {
				filler.close();
				return server;
			}
		}
	}

	@AfterAll
	static void stopAll() throws IOException {
		relay.close();
		upstream.close();
		fullBacklog.close();
		for (Socket filler : backlogFillers) {
			filler.close();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiterString = "|", textBlock = """
			pooled    | A-1\\nSMUGGLED-1
			pooled    | A-1\\nSMUGGLED-1 slow
			perclient | A-1\\nSMUGGLED-1
			perclient | A-1\\nSMUGGLED-1 slow
			""")
	void victimNeverReceivesSmuggledReply(String listener, String smuggling) {
		// written to a line upstream as it is, the attacker's one frame would be two
		// lines and get two replies; a 'slow' second command makes its reply come after
		// the attacker's, when the victim's first frame waits on the same connection
		double errorsBefore = upstreamErrors(listener);
		String attackerReply;
		String attackerNextReply;
		List<String> victimReplies = new ArrayList<>();
		try (TcpClient attacker = TcpClient.connect(port(listener))) {
			attackerReply = exchange(attacker, smuggling.replace("\\n", "\n"));
			try (TcpClient victim = TcpClient.connect(port(listener))) {
				for (int i = 1; i <= 100; i++) {
					victimReplies.add(exchange(victim, "B-" + i));
				}
			}
			attackerNextReply = exchange(attacker, "A-2");
		}
		long right = 0;
		for (int i = 1; i <= 100; i++) {
			if (victimReplies.get(i - 1).equals("B-" + i)) {
				right++;
			}
		}
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(right).as("victim's right replies of 100").isEqualTo(100);
		softly.assertThat(victimReplies).as("victim's replies").noneMatch((reply) -> reply.contains("SMUGGLED"));
		softly.assertThat(attackerReply)
			.isEqualTo("error: frame cannot be relayed in line framing: it contains a line terminator");
		softly.assertThat(attackerNextReply).as("attacker's next reply").isEqualTo("A-2");
		softly.assertThat(upstreamErrors(listener)).as("upstream errors counted").isEqualTo(errorsBefore + 1);
		softly.assertAll();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pooled", "perclient" })
	void clientsNeverReceiveEachOthersReplies(String listener) throws Exception {
		CompletableFuture<List<String>> a = CompletableFuture.supplyAsync(() -> converse(listener, "A"));
		CompletableFuture<List<String>> b = CompletableFuture.supplyAsync(() -> converse(listener, "B"));
		List<String> aReplies = a.get(60, TimeUnit.SECONDS);
		List<String> bReplies = b.get(60, TimeUnit.SECONDS);
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(aReplies).as("A's replies").noneMatch((reply) -> reply.contains("B-"));
		softly.assertThat(bReplies).as("B's replies").noneMatch((reply) -> reply.contains("A-"));
		// with one pooled connection, a client's frame may wait for the other's late
		// frame
		// past its own deadline and get an error instead
		boolean turnsTaken = listener.equals("pooled");
		softly.assertThat(notOwnReplies("A", aReplies, turnsTaken)).as("A's replies not its own").isEmpty();
		softly.assertThat(notOwnReplies("B", bReplies, turnsTaken)).as("B's replies not its own").isEmpty();
		softly.assertAll();
	}

	/**
	 * The replies that are neither the reply to the frame sent at that place in the
	 * conversation nor, where allowed, an error frame.
	 */
	private static List<String> notOwnReplies(String tag, List<String> replies, boolean errorsAllowed) {
		List<String> wrong = new ArrayList<>();
		for (int i = 1; i <= replies.size(); i++) {
			String reply = replies.get(i - 1);
			if (!reply.equals(expectedReply(tag, i)) && !(errorsAllowed && reply.startsWith("error: "))) {
				wrong.add(i + ": " + reply);
			}
		}
		return wrong;
	}

	/**
	 * A client's conversation: 40 frames tagged with the client's name, some of which the
	 * upstream answers twice, and some after the relay's timeout.
	 */
	private static List<String> converse(String listener, String tag) {
		List<String> replies = new ArrayList<>();
		try (TcpClient client = TcpClient.connect(port(listener))) {
			for (int i = 1; i <= 40; i++) {
				replies.add(exchange(client, frame(tag, i)));
			}
		}
		return replies;
	}

	private static String frame(String tag, int i) {
		if (i % 5 == 2) {
			return tag + "-" + i + " twice";
		}
		if (i % 9 == 4) {
			return tag + "-" + i + " late";
		}
		return tag + "-" + i;
	}

	private static String expectedReply(String tag, int i) {
		String frame = frame(tag, i);
		return frame.endsWith("late") ? noReplyError() : frame;
	}

	private static String noReplyError() {
		return "error: No reply from 127.0.0.1:" + upstream.port() + " within " + TIMEOUT.toMillis() + "ms";
	}

	@ParameterizedTest
	@CsvSource(delimiterString = "|", textBlock = """
			pooled    | half
			pooled    | flood
			pooled    | reset
			pooled    | late
			perclient | half
			perclient | flood
			perclient | reset
			perclient | late
			""")
	void upstreamMisbehaviourGivesOnlyItsOwnClientAnErrorAndTheNextFrameGoesThrough(String listener,
			String misbehaviour) throws Exception {
		double errorsBefore = upstreamErrors(listener);
		CompletableFuture<List<String>> bystander = CompletableFuture.supplyAsync(() -> {
			List<String> replies = new ArrayList<>();
			try (TcpClient client = TcpClient.connect(port(listener))) {
				for (int i = 1; i <= 20; i++) {
					replies.add(exchange(client, "B-" + i));
				}
			}
			return replies;
		});
		try (TcpClient client = TcpClient.connect(port(listener))) {
			assertThat(exchange(client, "A-1 " + misbehaviour)).startsWith("error: ");
			assertThat(exchange(client, "A-2")).isEqualTo("A-2");
		}
		List<String> bystanderReplies = bystander.get(60, TimeUnit.SECONDS);
		assertThat(bystanderReplies).noneMatch((reply) -> reply.contains("A-"));
		// with one pooled connection, the bystander's frame may wait for the client's
		// late one past its own deadline and get an error instead
		boolean turnsTaken = listener.equals("pooled");
		List<String> wrong = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			String reply = bystanderReplies.get(i - 1);
			if (!reply.equals("B-" + i) && !(turnsTaken && reply.startsWith("error: "))) {
				wrong.add(i + ": " + reply);
			}
		}
		assertThat(wrong).as("bystander's replies not its own").isEmpty();
		assertThat(upstreamErrors(listener)).isGreaterThanOrEqualTo(errorsBefore + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pooled", "perclient" })
	void frameTheUpstreamSendsUnaskedNeverAnswersTheNextFrame(String listener, CapturedOutput output) {
		double errorsBefore = upstreamErrors(listener);
		try (TcpClient client = TcpClient.connect(port(listener))) {
			assertThat(exchange(client, "N-1 notify")).isEqualTo("N-1 notify");
			// the notice comes while the connection is idle: it is logged, counted and
			// the
			// connection closed before the next frame needs one
			await().until(() -> upstreamErrors(listener) == errorsBefore + 1);
			assertThat(exchange(client, "N-2")).isEqualTo("N-2");
		}
		assertThat(output.getOut()).contains("Listener '" + listener + "' relay closed its connection to 127.0.0.1:"
				+ upstream.port() + ", which sent a frame no request was waiting for: bytes=21"
				+ " payload=\"notice for N-1 notify\"");
	}

	@Test
	void perClientRelayOpensOneUpstreamConnectionPerClientAndClosesItWithTheClient() {
		await().until(() -> upstream.open() <= 1);
		int openBefore = upstream.open();
		int acceptedBefore = upstream.accepted();
		List<TcpClient> clients = new ArrayList<>();
		try {
			for (int c = 0; c < 3; c++) {
				TcpClient client = TcpClient.connect(port("perclient"));
				clients.add(client);
				for (int i = 1; i <= 5; i++) {
					assertThat(exchange(client, "C" + c + "-" + i)).isEqualTo("C" + c + "-" + i);
				}
			}
			assertThat(upstream.accepted() - acceptedBefore).isEqualTo(3);
			assertThat(upstream.open() - openBefore).isEqualTo(3);
		}
		finally {
			clients.forEach(TcpClient::close);
		}
		await().until(() -> upstream.open() == openBefore);
	}

	@ParameterizedTest
	@ValueSource(strings = { "perclient", "unreachable" })
	void errorComesWithinTheTimeoutWhetherConnectingOrWaitingForTheReplyTakesIt(String listener) {
		// 'perclient' accepts at once and never answers 'late' frames in time;
		// 'unreachable'
		// never completes the connect: either way the client waits for one deadline
		for (int i = 0; i < 3; i++) {
			try (TcpClient client = TcpClient.connect(port(listener))) {
				long start = System.nanoTime();
				String reply = exchange(client, "deadline-" + i + " late");
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				assertThat(reply).startsWith("error: ");
				assertThat(waited).isLessThan(TIMEOUT.plusSeconds(1));
			}
		}
	}

	@Test
	void extraReplyIsLoggedEscapedAndCounted(CapturedOutput output) {
		double errorsBefore = upstreamErrors("pooled");
		try (TcpClient client = TcpClient.connect(port("pooled"))) {
			assertThat(exchange(client, "E-1 twice \u001b[31m")).isEqualTo("E-1 twice \u001b[31m");
		}
		await().untilAsserted(() -> assertThat(output.getOut()).contains("payload=\"E-1 twice \\x1b[31m again\"")
			.doesNotContain("E-1 twice \u001b[31m again"));
		assertThat(upstreamErrors("pooled")).isEqualTo(errorsBefore + 1);
	}

	private static String exchange(TcpClient client, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		client.send(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
		int length = ByteBuffer.wrap(client.read(4)).getInt();
		return new String(client.read(length), StandardCharsets.UTF_8);
	}

	private static double upstreamErrors(String listener) {
		return relay.getBean(MeterRegistry.class)
			.get("sockscope.errors")
			.tag("listener", listener)
			.tag("kind", "upstream")
			.counter()
			.count();
	}

	private static int port(String listener) {
		return relay.getBean(ListenerRegistry.class).port(listener);
	}

}
