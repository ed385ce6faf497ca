package io.sockscope;

import java.util.Set;

import io.sockscope.bench.BenchCommand;
import io.sockscope.client.ClientCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line tools that share the sockscope jar with the service:
 * {@code java -jar sockscope.jar client ...} and {@code ... bench ...}. Any other
 * arguments start the service.
 */
@Command(name = "sockscope", mixinStandardHelpOptions = true,
		subcommands = { ClientCommand.class, BenchCommand.class },
		description = "TCP echo, inspection and relay service, and its tools.")
final class SockscopeCommands {

	private static final Set<String> NAMES = Set.of("client", "bench");

	private SockscopeCommands() {
	}

	/**
	 * Whether the arguments name a tool rather than options for the service.
	 * @param args the command-line arguments
	 * @return {@code true} if the first argument is a tool's name
	 */
	static boolean isTool(String[] args) {
		return args.length > 0 && NAMES.contains(args[0]);
	}

	/**
	 * Run a tool.
	 * @param args the command-line arguments, the tool's name first
	 * @return the exit code
	 */
	static int run(String[] args) {
		return new CommandLine(new SockscopeCommands()).execute(args);
	}

}
