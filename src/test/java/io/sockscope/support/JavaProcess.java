package io.sockscope.support;

import java.util.ArrayList;
import java.util.List;

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

}
