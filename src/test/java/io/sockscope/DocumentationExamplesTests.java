package io.sockscope;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sockscope.support.JavaProcess;
import io.sockscope.support.Markdown;
import io.sockscope.support.ProcessRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every example the documents mark as checked, run for real against the service started
 * with the {@code tour} profile, as the README starts it: each {@code $} command of a
 * {@code <!-- checked: DocumentationExamplesTests -->} console block runs in bash, in
 * document order, and must print the lines shown under it; each line of a
 * {@code <!-- log lines checked: DocumentationExamplesTests -->} block must match a line
 * the service logged ({@code ...} stands for anything; connection ids, peer ports and
 * durations vary). The service runs on free ports: the documents' ports are swapped for
 * them in the commands and in the output (and the client's default port, 8890, is written
 * out).
 * <p>
 * The examples use OpenBSD netcat, curl, python3 and od. Where one is missing the test is
 * skipped, except under CI (the {@code CI} environment variable, which {@code .ci/run}
 * sets), where it fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentationExamplesTests {

	private static final String CONSOLE = "<!-- checked: DocumentationExamplesTests -->";

	private static final String LOG = "<!-- log lines checked: DocumentationExamplesTests -->";

	/** In the documents: a port nothing listens on. */
	private static final int CLOSED_PORT = 9999;

	private static final Pattern HEREDOC = Pattern.compile("<<'(\\w+)'");

	@Test
	void everyCheckedExampleGivesTheOutputShown(CapturedOutput output) throws IOException {
		requireTools();
		Map<Integer, Integer> ports = new LinkedHashMap<>();
		Map<String, Integer> listeners = tourListeners();
		for (int documented : listeners.values()) {
			ports.put(documented, freePort());
		}
		ports.put(8080, freePort());
		ports.put(CLOSED_PORT, freePort());
		SoftAssertions softly = new SoftAssertions();
		int commands = 0;
		try (ConfigurableApplicationContext service = start(listeners, ports)) {
			for (Path document : Markdown.documents()) {
				for (List<String> block : Markdown.blocksAfter(document, CONSOLE)) {
					for (Example example : examples(block)) {
						String command = withPorts(defaultPortSpelledOut(example.command()), ports);
						ProcessRun run = bash(command);
						softly.assertThat(normalized(run.stdout()))
							.as("%s: $ %s", document, example.command())
							.isEqualTo(normalized(withPorts(String.join("\n", example.output()), ports)));
						commands++;
					}
				}
			}
			List<String> logged = output.getOut().lines().map(DocumentationExamplesTests::varying).toList();
			for (Path document : Markdown.documents()) {
				for (List<String> block : Markdown.blocksAfter(document, LOG)) {
					for (String line : block) {
						Pattern pattern = logPattern(varying(line));
						softly.assertThat(logged)
							.as("%s: a logged line like %s", document, line)
							.anyMatch((loggedLine) -> pattern.matcher(loggedLine).find());
					}
				}
			}
		}
		softly.assertThat(commands).as("checked commands").isGreaterThanOrEqualTo(15);
		softly.assertAll();
	}

	/**
	 * The service as {@code ./mvnw spring-boot:run -Dspring-boot.run.profiles=tour}
	 * starts it, every port moved, the relay's upstream with them.
	 */
	private static ConfigurableApplicationContext start(Map<String, Integer> listeners, Map<Integer, Integer> ports)
			throws IOException {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + ports.get(8080));
		listeners.forEach((name, port) -> args.add("--sockscope.listeners." + name + ".port=" + ports.get(port)));
		tourRelays()
			.forEach((name, port) -> args.add("--sockscope.listeners." + name + ".relay.port=" + ports.get(port)));
		return new SpringApplicationBuilder(SockscopeApplication.class).profiles("tour")
			.run(args.toArray(String[]::new));
	}

	/** The tour's listeners and their ports, with the default {@code echo}. */
	private static Map<String, Integer> tourListeners() throws IOException {
		Map<String, Integer> listeners = new LinkedHashMap<>();
		listeners.put("echo", 8890);
		tourYaml().forEach((name, listener) -> listeners.put(name, (Integer) listener.get("port")));
		return listeners;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Integer> tourRelays() throws IOException {
		Map<String, Integer> relays = new LinkedHashMap<>();
		tourYaml().forEach((name, listener) -> {
			if (listener.get("relay") instanceof Map<?, ?> relay) {
				relays.put(name, (Integer) ((Map<String, Object>) relay).get("port"));
			}
		});
		return relays;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> tourYaml() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("src", "main", "resources", "application-tour.yml"))) {
			Map<String, Object> yaml = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) ((Map<String, Object>) yaml.get("sockscope")).get("listeners");
		}
	}

	/**
	 * The {@code $} commands of a console block with the output under each; a command
	 * goes on over lines ending in a backslash and over a here-document.
	 */
	private static List<Example> examples(List<String> block) {
		List<Example> examples = new ArrayList<>();
		int i = 0;
		while (i < block.size()) {
			String line = block.get(i);
			if (!line.startsWith("$ ")) {
				throw new IllegalStateException("Output before any command: " + line);
			}
			StringBuilder command = new StringBuilder(line.substring(2));
			i++;
			while (command.toString().endsWith("\\") && i < block.size()) {
				command.append('\n').append(block.get(i++));
			}
			Matcher heredoc = HEREDOC.matcher(command);
			if (heredoc.find()) {
				String end = heredoc.group(1);
				while (i < block.size() && !block.get(i).equals(end)) {
					command.append('\n').append(block.get(i++));
				}
				command.append('\n').append(end);
				i++;
			}
			List<String> output = new ArrayList<>();
			while (i < block.size() && !block.get(i).startsWith("$ ")) {
				output.add(block.get(i++));
			}
			examples.add(new Example(command.toString(), output));
		}
		return examples;
	}

	/**
	 * Run a command line in bash as a reader would, standard error with standard output;
	 * {@code java -jar target/sockscope.jar} runs the classes under test.
	 */
	private static ProcessRun bash(String command) {
		String sockscope = JavaProcess.sockscopeShellLine();
		String script = command.replace("java -jar target/sockscope.jar", sockscope);
		return ProcessRun.run(List.of("bash", "-c", "{\n" + script + "\n} 2>&1"), new byte[0],
				Map.of("LC_ALL", "C.UTF-8"), Duration.ofMinutes(2));
	}

	/**
	 * The client's default port, 8890, written out, so that it moves with the others.
	 */
	private static String defaultPortSpelledOut(String command) {
		String client = "java -jar target/sockscope.jar client";
		return (command.contains(client) && !command.contains("--port"))
				? command.replace(client, client + " --port 8890") : command;
	}

	private static String withPorts(String text, Map<Integer, Integer> ports) {
		String result = text;
		for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
			result = result.replaceAll("(?<![0-9])" + port.getKey() + "(?![0-9])", String.valueOf(port.getValue()));
		}
		return result;
	}

	/** Trailing blanks and blank lines left out, curl's version unified. */
	private static String normalized(String output) {
		return output.lines()
			.map((line) -> line.stripTrailing().replaceAll("curl/[0-9][0-9.]*", "curl/VERSION"))
			.collect(Collectors.joining("\n"))
			.stripTrailing();
	}

	/** What differs between runs in a log line: connection ids, peer ports, durations. */
	private static String varying(String line) {
		return line.replaceAll("conn=\\d+", "conn=N")
			.replaceAll("peer=([0-9.]+):\\d+", "peer=$1:PORT")
			.replaceAll("duration=\\d+ms", "duration=Tms");
	}

	private static Pattern logPattern(String line) {
		StringBuilder regex = new StringBuilder();
		String[] parts = line.strip().split("\\.\\.\\.", -1);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			String[] words = parts[i].split("\\s+", -1);
			for (int j = 0; j < words.length; j++) {
				if (j > 0) {
					regex.append("\\s+");
				}
				regex.append(Pattern.quote(words[j]));
			}
		}
		return Pattern.compile(regex.toString());
	}

	private static void requireTools() {
		List<String> missing = new ArrayList<>();
		ProcessRun nc = ProcessRun.run(List.of("bash", "-c", "nc -h 2>&1 | grep -qE -- '^[[:space:]]+-N[[:space:]]'"));
		if (nc.exitCode() != 0) {
			missing.add("OpenBSD netcat (nc with -N; package netcat-openbsd)");
		}
		for (String tool : List.of("curl", "python3", "od")) {
			if (ProcessRun.run(List.of("bash", "-c", "command -v " + tool)).exitCode() != 0) {
				missing.add(tool);
			}
		}
		if (!missing.isEmpty()) {
			String message = "The documentation's examples need " + String.join(", ", missing);
			if (System.getenv("CI") != null) {
				throw new AssertionError(message);
			}
			Assumptions.abort(message);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private record Example(String command, List<String> output) {

	}

}
