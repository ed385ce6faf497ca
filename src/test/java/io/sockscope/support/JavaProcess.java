package io.sockscope.support;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Command lines that start sockscope's main class in a new JVM, on the classpath the
 * tests run with: the same code as {@code java -jar target/sockscope.jar}, which is only
 * built after the tests.
 */
public final class JavaProcess {

	private JavaProcess() {
	}

	public static List<String> sockscope(String... args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("io.sockscope.SockscopeApplication");
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The same command as one line for a shell, each word single-quoted.
	 * @param args sockscope's arguments
	 * @return the shell command line
	 */
	public static String sockscopeShellLine(String... args) {
		return sockscope(args).stream().map(JavaProcess::quoted).collect(Collectors.joining(" "));
	}

	/**
	 * A word single-quoted for a POSIX shell.
	 * @param word the word
	 * @return the quoted word
	 */
	public static String quoted(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
