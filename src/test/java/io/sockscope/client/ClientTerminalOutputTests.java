package io.sockscope.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.TmuxSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sockscope client} printing to a real terminal (a tmux pane): a reply without a
 * line break of its own still leaves the shell's next line on a line of its own. Printed
 * to a pipe, the same reply is its bytes exactly ({@link ClientCommandTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.lh2.port=0",
				"sockscope.listeners.lh2.framing=length-header-2", "sockscope.listeners.raw.port=0",
				"sockscope.listeners.raw.framing=raw" })
class ClientTerminalOutputTests {

	private final String session = "sockscope-output-" + ProcessHandle.current().pid();

	@Autowired
	ListenerRegistry listeners;

	@Test
	void sendToATerminalEndsTheLineTheReplyLeftOpen() {
		String client = command("client", "--port", port("lh2"), "--framing", "length-header-2", "--send", "hello");
		assertThat(shellLines(client + "; echo \"exit $?\"")).containsSubsequence("hello", "exit 0");
	}

	@Test
	void pipedInputWithATerminalForOutputEndsTheLineToo() {
		String client = command("client", "--port", port("raw"), "--framing", "raw");
		assertThat(shellLines("printf 'two\\nlines' | " + client + "; echo \"exit $?\"")).containsSubsequence("two",
				"lines", "exit 0");
	}

	@Test
	void replyEndingInALineBreakGetsNoSecondOne() {
		String client = command("client", "--port", port("echo"), "--send", "hello");
		assertThat(shellLines(client + "; echo \"exit $?\"")).containsSubsequence("hello", "exit 0").doesNotContain("");
	}

	/**
	 * Run a shell command line in a new tmux pane and return the pane's lines once it
	 * printed its exit status; blank lines at the end of the pane are left out.
	 */
	private List<String> shellLines(String commandLine) {
		try (TmuxSession terminal = TmuxSession.start(this.session,
				"sh -c " + JavaProcess.quoted(commandLine + "; sleep 60"))) {
			// a client JVM starts and stops a Spring context: give it time on a busy
			// machine
			await().atMost(Duration.ofSeconds(60)).until(() -> terminal.screen().contains("exit "));
			List<String> lines = new ArrayList<>(terminal.screen().lines().toList());
			while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
				lines.remove(lines.size() - 1);
			}
			return lines;
		}
	}

	private String port(String listener) {
		return String.valueOf(this.listeners.port(listener));
	}

	private static String command(String... args) {
		return JavaProcess.sockscopeShellLine(args);
	}

}
