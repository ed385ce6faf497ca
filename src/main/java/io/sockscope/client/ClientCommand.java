package io.sockscope.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code sockscope client}: not built yet.
 */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Send frames to a TCP service.")
public class ClientCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		System.err.println("client: not available yet");
		return 2;
	}

}
