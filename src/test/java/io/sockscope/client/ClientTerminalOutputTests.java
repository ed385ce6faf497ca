package io.sockscope.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.ProcessRun;
import org.junit.jupiter.api.AfterEach;
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

	@AfterEach
	void killSession() {
		ProcessRun.run(List.of("tmux", "kill-session", "-t", this.session));
	}

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
		tmux("new-session", "-d", "-s", this.session, "-x", "160", "-y", "40",
				"sh -c '" + commandLine.replace("'", "'\\''") + "; sleep 60'");
		// a client JVM starts and stops a Spring context: give it time on a busy machine
		await().atMost(Duration.ofSeconds(60)).until(() -> screen().contains("exit "));
		List<String> lines = new ArrayList<>(screen().lines().toList());
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	private String screen() {
		return tmux("capture-pane", "-p", "-t", this.session).stdout();
	}

	private String port(String listener) {
		return String.valueOf(this.listeners.port(listener));
	}

	private static String command(String... args) {
		return JavaProcess.sockscope(args)
			.stream()
			.map(ClientTerminalOutputTests::quoted)
			.collect(Collectors.joining(" "));
	}

	private static ProcessRun tmux(String... args) {
		List<String> command = new ArrayList<>(List.of("tmux"));
		command.addAll(List.of(args));
		ProcessRun run = ProcessRun.run(command);
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		return run;
	}

	private static String quoted(String argument) {
		return "'" + argument.replace("'", "'\\''") + "'";
	}

}
