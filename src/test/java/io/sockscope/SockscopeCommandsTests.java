package io.sockscope;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.sockscope.support.JavaProcess;
import io.sockscope.support.ProcessRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's own command line, run as a real JVM: help and the version print and exit
 * without starting anything. Every run gets the listener and actuator ports this test
 * holds: had the service started, it would fail to bind them and exit 1.
 */
class SockscopeCommandsTests {

	private ServerSocket listenerPort;

	private ServerSocket actuatorPort;

	@BeforeEach
	void holdThePortsTheServiceWouldBind() throws IOException {
		this.listenerPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.actuatorPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void releasePorts() throws IOException {
		this.listenerPort.close();
		this.actuatorPort.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "--help", "-h", "help" })
	void helpListsTheCommandsTheMainPropertiesAndWhereTheDocsAreWithoutServing(String argument) {
		ProcessRun run = sockscope(argument);
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stderr()).isEmpty();
		assertThat(run.stdout()).startsWith("Usage: sockscope [--PROPERTY=VALUE...]    serve (no command)\n")
			.contains("\n  client  Send frames to a TCP service and print its replies.\n",
					"\n  bench   Load-test one TCP echo service and verify every reply.\n",
					"\n  help    Display help information about the specified command.\n")
			.contains("sockscope.listeners.<name>.port", "sockscope.listeners.<name>.framing",
					"length-header-1, length-header-2, length-header-4, stx-etx", "echo, http, auto, sink, relay",
					"server.port, server.address", "spring.profiles.active=tour")
			.contains("docs/configuration.md", SockscopeCommands.SOURCES)
			.doesNotContain("Started", "Listener '");
		assertThat(run.stdout().lines()).allSatisfy((line) -> assertThat(line).hasSizeLessThan(80));
	}

	@Test
	void helpOfACommandIsThatCommandsUsage() {
		ProcessRun run = sockscope("help", "client");
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stdout()).startsWith("Usage: sockscope client ").contains("--send=TEXT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--version", "-V" })
	void versionNamesTheBuildAndTheRuntimeWithoutServing(String argument) throws IOException {
		ProcessRun run = sockscope(argument);
		assertThat(run.exitCode()).as(run.stderr()).isZero();
		assertThat(run.stderr()).isEmpty();
		Properties build = resource("META-INF/build-info.properties");
		List<String> lines = run.stdout().lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("sockscope " + build.getProperty("build.version") + " (")
			.contains("built " + build.getProperty("build.time"));
		Properties git = resource("git.properties");
		if (git.containsKey("git.commit.id.abbrev")) {
			assertThat(lines.get(0)).contains("commit " + git.getProperty("git.commit.id.abbrev"));
		}
		assertThat(lines.get(1)).startsWith("Java " + System.getProperty("java.runtime.version"))
			.contains("Spring Boot 4.");
	}

	@Test
	void mistypedCommandIsAnErrorWithASuggestionNotTheService() {
		ProcessRun run = sockscope("clinet");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.stderr()).contains("Unmatched argument at index 0: 'clinet'").contains("client");
		assertThat(run.stdout()).isEmpty();
	}

	private ProcessRun sockscope(String... args) {
		return ProcessRun.run(JavaProcess.sockscope(args), null,
				Map.of("SOCKSCOPE_LISTENERS_ECHO_PORT", String.valueOf(this.listenerPort.getLocalPort()), "SERVER_PORT",
						String.valueOf(this.actuatorPort.getLocalPort())));
	}

	private static Properties resource(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = SockscopeCommandsTests.class.getClassLoader().getResourceAsStream(name)) {
			if (in != null) {
				properties.load(in);
			}
		}
		return properties;
	}

}
