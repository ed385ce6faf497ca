package io.sockscope.support;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real terminal: a detached tmux session running one command, typed into and read like
 * a person at a keyboard would. Closing it kills the session.
 */
public final class TmuxSession implements AutoCloseable {

	private final String name;

	private TmuxSession(String name) {
		this.name = name;
	}

	/**
	 * Start a command in a new 160 × 40 session.
	 * @param name the session's name, unique on the machine
	 * @param commandLine the shell command line to run in it
	 * @return the session
	 */
	public static TmuxSession start(String name, String commandLine) {
		tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "40", commandLine);
		return new TmuxSession(name);
	}

	/**
	 * Type keys, as tmux names them ({@code Enter}, {@code Up}, or text).
	 * @param keys the keys
	 */
	public void sendKeys(String... keys) {
		List<String> args = new ArrayList<>(List.of("send-keys", "-t", this.name));
		args.addAll(List.of(keys));
		tmux(args.toArray(String[]::new));
	}

	/**
	 * What the terminal shows now.
	 * @return the pane's text
	 */
	public String screen() {
		return tmux("capture-pane", "-p", "-t", this.name).stdout();
	}

	/**
	 * Whether the session still runs: its command has not ended.
	 * @return {@code true} if it does
	 */
	public boolean isRunning() {
		return ProcessRun.run(List.of("tmux", "has-session", "-t", this.name)).exitCode() == 0;
	}

	@Override
	public void close() {
		ProcessRun.run(List.of("tmux", "kill-session", "-t", this.name));
	}

	private static ProcessRun tmux(String... args) {
		List<String> command = new ArrayList<>(List.of("tmux"));
		command.addAll(List.of(args));
		ProcessRun run = ProcessRun.run(command);
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		return run;
	}

}
