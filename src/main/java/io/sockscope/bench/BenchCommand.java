package io.sockscope.bench;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code sockscope bench}: not built yet.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Load-test a TCP echo service.")
public class BenchCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		System.err.println("bench: not available yet");
		return 2;
	}

}
