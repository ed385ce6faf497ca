package io.sockscope.client;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.ProcessRun;
import io.sockscope.support.SockscopeTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's interactive loop in a real pseudo-terminal, driven through tmux like a
 * person at a keyboard.
 */
@SockscopeTest
class ClientTerminalTests {

	private final String session = "sockscope-client-" + ProcessHandle.current().pid();

	@Autowired
	ListenerRegistry listeners;

	@AfterEach
	void killSession() {
		ProcessRun.run(List.of("tmux", "kill-session", "-t", this.session));
	}

	@Test
	void terminalSessionShowsPromptAndResponsesKeepsHistoryAndQuits() {
		String command = JavaProcess.sockscope("client", "--port", String.valueOf(this.listeners.port("echo")))
			.stream()
			.map(ClientTerminalTests::quoted)
			.collect(Collectors.joining(" "));
		tmux("new-session", "-d", "-s", this.session, "-x", "160", "-y", "40", command);
		// the prompt is "> "; tmux trims trailing blanks from the captured line
		await().untilAsserted(() -> assertThat(screen().lines()).contains(">"));
		tmux("send-keys", "-t", this.session, "aaaa", "Enter");
		await().untilAsserted(() -> assertThat(screen()).contains("response: (aaaa)"));
		tmux("send-keys", "-t", this.session, "bbb", "Enter");
		await().untilAsserted(() -> assertThat(screen()).contains("response: (bbb)"));
		// history: up twice recalls "aaaa"
		tmux("send-keys", "-t", this.session, "Up", "Up", "Enter");
		await().untilAsserted(() -> assertThat(screen().split("response: \\(aaaa\\)", -1)).hasSize(3));
		tmux("send-keys", "-t", this.session, ".quit", "Enter");
		await().until(() -> ProcessRun.run(List.of("tmux", "has-session", "-t", this.session)).exitCode() != 0);
	}

	private String screen() {
		return tmux("capture-pane", "-p", "-t", this.session).stdout();
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
