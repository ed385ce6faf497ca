package io.sockscope;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.sockscope.bench.BenchCommand;
import io.sockscope.client.ClientCommand;
import io.sockscope.framing.Framing;
import io.sockscope.mode.Mode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The command line of the sockscope jar besides serving: its tools
 * ({@code java -jar sockscope.jar client ...}, {@code ... bench ...}), {@code help} and
 * {@code --version}. None of them starts the service or a Spring application context.
 * Arguments that are only options ({@code --name=value}), or none, start the service.
 */
@Command(name = "sockscope", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
		subcommands = { ClientCommand.class, BenchCommand.class, HelpCommand.class },
		customSynopsis = { "sockscope [--PROPERTY=VALUE...]    serve (no command)",
				"       sockscope client [OPTIONS]         send frames, print the replies",
				"       sockscope bench [OPTIONS]          load-test a TCP echo service",
				"       sockscope help [COMMAND] | --help | --version" },
		description = { "", "TCP echo, inspection and relay service, and its tools." },
		commandListHeading = "%nCommands:%n", optionListHeading = "%nOptions:%n")
final class SockscopeCommands {

	/** The project's sources, where README.md and docs/ are. */
	static final String SOURCES = "https://github.com/sockscope/sockscope";

	private static final Set<String> SERVICE_OPTIONS_EXCEPT = Set.of("--help", "--version");

	private SockscopeCommands() {
	}

	/**
	 * Whether the arguments are for this command line rather than options for the
	 * service: a command ({@code client}, {@code bench}, {@code help}, or a mistyped
	 * one), {@code --help}, {@code -h}, {@code --version} or {@code -V}.
	 * @param args the command-line arguments
	 * @return {@code true} unless the arguments are empty or start with a
	 * {@code --name=value} option for the service
	 */
	static boolean isTool(String[] args) {
		if (args.length == 0) {
			return false;
		}
		return !args[0].startsWith("--") || SERVICE_OPTIONS_EXCEPT.contains(args[0]);
	}

	/**
	 * Run a tool, or print help or the version.
	 * @param args the command-line arguments, the tool's name first
	 * @return the exit code
	 */
	static int run(String[] args) {
		CommandLine commandLine = new CommandLine(new SockscopeCommands());
		commandLine.getCommandSpec().usageMessage().footer(footer());
		return commandLine.execute(args);
	}

	private static String[] footer() {
		return new String[] { "", "Serving (no command) starts every listener and the actuator; Ctrl-C or SIGTERM",
				"stops them. By default: listener 'echo' on 127.0.0.1:8890 (framing line, mode",
				"auto), the actuator (/actuator/health, /info, /prometheus) on 127.0.0.1:8080.", "",
				"Main properties, as --name=value here, in the environment",
				"(SOCKSCOPE_LISTENERS_ECHO_PORT=9000) or in ./config/application.yml; <name> is",
				"a listener's name, such as echo:",
				"  sockscope.listeners.<name>.host     address to bind (127.0.0.1; 0.0.0.0 or ::",
				"                                      for every interface)",
				"  sockscope.listeners.<name>.port     port to bind (8890; 0 picks a free port)",
				"  sockscope.listeners.<name>.framing  how bytes become frames (line):",
				"      " + names(Arrays.stream(Framing.values()).limit(5).map(Framing::displayName)) + ",",
				"      " + names(Arrays.stream(Framing.values()).skip(5).map(Framing::displayName)),
				"  sockscope.listeners.<name>.mode     what happens to a frame (auto):",
				"      " + names(Arrays.stream(Mode.values()).map(Mode::displayName)),
				"  sockscope.listeners.<name>.relay.host, .relay.port   mode relay's upstream",
				"  server.port, server.address         the actuator's (8080, 127.0.0.1)",
				"  spring.profiles.active=tour         the listeners of the README's tour", "",
				"Every property: docs/configuration.md in the sources, with README.md and docs/:", "  " + SOURCES };
	}

	private static String names(Stream<String> names) {
		return names.collect(Collectors.joining(", "));
	}

}
