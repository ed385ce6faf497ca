package io.sockscope.client;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.SockscopeTest;
import io.sockscope.support.TmuxSession;
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

	@Test
	void terminalSessionShowsPromptAndResponsesKeepsHistoryAndQuits() {
		String command = JavaProcess.sockscopeShellLine("client", "--port",
				String.valueOf(this.listeners.port("echo")));
		try (TmuxSession terminal = TmuxSession.start(this.session, command)) {
			// the prompt is "> "; tmux trims trailing blanks from the captured line
			await().untilAsserted(() -> assertThat(terminal.screen().lines()).contains(">"));
			terminal.sendKeys("aaaa", "Enter");
			await().untilAsserted(() -> assertThat(terminal.screen()).contains("response: (aaaa)"));
			terminal.sendKeys("bbb", "Enter");
			await().untilAsserted(() -> assertThat(terminal.screen()).contains("response: (bbb)"));
			// history: up twice recalls "aaaa"
			terminal.sendKeys("Up", "Up", "Enter");
			await().untilAsserted(() -> assertThat(terminal.screen().split("response: \\(aaaa\\)", -1)).hasSize(3));
			terminal.sendKeys(".quit", "Enter");
			await().until(() -> !terminal.isRunning());
		}
	}

}
