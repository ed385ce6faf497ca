package io.sockscope.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile's shape, and that the image and the chart agree on where configuration
 * is read, which user runs and which ports are open, that the image runs on the Java
 * runtime its build links, and that it trains its start-up archive at build time and
 * starts with it. CI builds and runs the image itself ({@code .ci/container-check}).
 */
class ContainerImageTests {

	private static final String TRAINING_SCRIPT = "train-startup-archive";

	private static final String LINKING_SCRIPT = "link-runtime";

	private static final String RUNTIME = "/opt/java";

	private static final String JVM_OPTIONS = "jvm.options";

	private final List<String> instructions = instructions(Path.of("Dockerfile"));

	@Test
	void baseImagesAreBuildArgumentsWithPublicDefaults() {
		// an LTS JDK whose JVM has the AOT cache (Java 25+) and can link; the runtime
		// stage
		// brings its own Java, so its base is only the operating system the JDK was built
		// for
		assertThat(this.instructions).contains("ARG BUILD_IMAGE=eclipse-temurin:25-jdk-noble",
				"ARG RUNTIME_IMAGE=ubuntu:noble");
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("FROM ")))
			.containsExactly("FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}");
	}

	@Test
	void runtimeStageCopiesTheJarLayersLibrariesFirstApplicationLast() {
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("COPY --from=build"))).containsExactly(
				"COPY --from=build /build/runtime " + RUNTIME, "COPY --from=build /build/extracted/dependencies/ ./",
				"COPY --from=build /build/extracted/spring-boot-loader/ ./",
				"COPY --from=build /build/extracted/snapshot-dependencies/ ./",
				"COPY --from=build /build/extracted/application/ ./");
		assertThat(this.instructions)
			.anyMatch((line) -> line.contains("-Djarmode=tools") && line.contains("extract --layers"));
	}

	@Test
	void runtimeStageRunsTheJavaRuntimeTheBuildStageLinked() throws IOException {
		List<String> build = buildStage();
		int linking = indexOf(build,
				"RUN sh /usr/local/bin/" + LINKING_SCRIPT + " target/sockscope.jar /build/runtime");
		assertThat(linking).isGreaterThan(indexOf(build, "COPY docker/" + LINKING_SCRIPT + " /usr/local/bin/"));
		List<String> stage = runtimeStage();
		int environment = indexOfLast(stage, "ENV JAVA_HOME=" + RUNTIME + " PATH=" + RUNTIME + "/bin:$PATH");
		assertThat(environment).isGreaterThan(indexOf(stage, "COPY --from=build /build/runtime " + RUNTIME))
			.as("the training run uses the linked runtime")
			.isLessThan(indexOfLast(stage, "RUN sh /usr/local/bin/" + TRAINING_SCRIPT));
		// the compiler threads' lower priority is the runtime's own option: from the
		// command
		// line it would print a warning at every start for the image's non-root user
		String script = Files.readString(Path.of("docker", LINKING_SCRIPT));
		assertThat(script).startsWith("#!/bin/sh\n")
			.contains("--add-options=\"-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10\"",
					"--generate-cds-archive", "--print-module-deps", "jdk.crypto.ec")
			.doesNotContain("--strip-debug");
		assertThat(runtimeStage()).noneMatch((line) -> line.contains("ThreadPriorityPolicy"));
	}

	@Test
	void imageRunsAsTheChartsNonRootUser() {
		PodSpec pod = HelmChart.render().deployment().getSpec().getTemplate().getSpec();
		long uid = pod.getSecurityContext().getRunAsUser();
		assertThat(runtimeStage()).contains("USER " + uid + ":" + uid);
	}

	@Test
	void chartMountsItsConfigMapWhereTheImageReadsConfiguration() {
		String workdir = workdir();
		// Spring Boot reads ./config/application.yml of the working directory
		assertThat(HelmChart.render().container().getVolumeMounts())
			.anyMatch((mount) -> mount.getMountPath().equals(workdir + "/config") && mount.getName().equals("config"));
	}

	@Test
	void imageExposesTheChartsDefaultPorts() {
		List<Integer> chartPorts = HelmChart.render()
			.container()
			.getPorts()
			.stream()
			.map(ContainerPort::getContainerPort)
			.toList();
		assertThat(runtimeStage()).contains("EXPOSE 8890 8080");
		assertThat(chartPorts).containsExactlyInAnyOrder(8890, 8080);
	}

	@Test
	void imageListensOnEveryInterfaceWhereTheApplicationAloneListensOnLoopback() throws IOException {
		Map<String, Object> image = imageDefaults();
		assertThat(path(image, "sockscope", "listeners", "echo", "host")).isEqualTo("0.0.0.0");
		assertThat(path(image, "server", "address")).as("the actuator, for probes and Prometheus").isEqualTo("0.0.0.0");
		Map<String, Object> application = new Yaml()
			.load(Files.readString(Path.of("src", "main", "resources", "application.yml")));
		assertThat(path(application, "sockscope", "listeners", "echo", "host")).isEqualTo("127.0.0.1");
		assertThat(path(application, "server", "address")).isEqualTo("127.0.0.1");
	}

	/**
	 * The image's own application.yml, which the build stage writes with printf next to
	 * the extracted application.
	 */
	private Map<String, Object> imageDefaults() {
		String instruction = buildStage().stream()
			.filter((line) -> line.contains("> extracted/application/application.yml"))
			.findFirst()
			.orElseThrow();
		Matcher printf = Pattern.compile("printf '([^']*)'").matcher(instruction);
		assertThat(printf.find()).as("printf '...' in %s", instruction).isTrue();
		return new Yaml().load(printf.group(1).replace("\\n", "\n"));
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> yaml, String... keys) {
		Object node = yaml;
		for (String key : keys) {
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

	@Test
	void entrypointIsExecFormRunningTheExtractedJarWithTheTrainedJvmOptions() {
		assertThat(runtimeStage()).filteredOn((line) -> line.startsWith("ENTRYPOINT "))
			.singleElement()
			.satisfies((line) -> assertThat(line)
				.startsWith("ENTRYPOINT [\"java\", \"@" + workdir() + "/" + JVM_OPTIONS + "\"")
				.endsWith("\"-jar\", \"sockscope.jar\"]"));
	}

	@Test
	void runtimeStageTrainsTheStartupArchiveOnTheCopiedApplicationBeforeDroppingRoot() throws IOException {
		List<String> stage = runtimeStage();
		int training = indexOf(stage, "RUN sh /usr/local/bin/" + TRAINING_SCRIPT + " " + workdir() + "/sockscope.jar");
		assertThat(stage).contains("COPY docker/" + TRAINING_SCRIPT + " /usr/local/bin/");
		assertThat(training).as("the training run").isGreaterThan(indexOfLast(stage, "COPY --from=build "));
		assertThat(training).isLessThan(indexOfLast(stage, "USER ")).isLessThan(indexOfLast(stage, "ENTRYPOINT "));
		// the script writes the options file the ENTRYPOINT reads, next to the jar
		String script = Files.readString(Path.of("docker", TRAINING_SCRIPT));
		assertThat(script).contains("\"$dir/" + JVM_OPTIONS + "\"", "-XX:AOTCacheOutput=", "-XX:AOTCache=",
				"-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "--server.port=0",
				"--sockscope.listeners.echo.port=0", "timeout ");
		assertThat(script).startsWith("#!/bin/sh\n");
	}

	@Test
	void springAotModeInTheImageHasTheGeneratedContextInTheJar() throws Exception {
		String script = Files.readString(Path.of("docker", TRAINING_SCRIPT));
		assertThat(script).contains("-Dspring.aot.enabled=true");
		NodeList goals = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(Path.of("pom.xml").toFile())
			.getElementsByTagName("goal");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < goals.getLength(); i++) {
			names.add(goals.item(i).getTextContent().strip());
		}
		assertThat(names).as("spring-boot-maven-plugin goals in pom.xml").contains("process-aot");
	}

	@Test
	void buildContextHoldsOnlyWhatTheBuildNeeds() throws IOException {
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!mvnw", "!.mvn/", "!pom.xml",
				"!src/main/", "!docker/" + TRAINING_SCRIPT, "!docker/" + LINKING_SCRIPT);
		assertThat(Path.of("mvnw")).isExecutable();
		assertThat(Path.of("docker", TRAINING_SCRIPT)).isExecutable();
		assertThat(Path.of("docker", LINKING_SCRIPT)).isExecutable();
		assertThat(Path.of(".mvn", "wrapper", "maven-wrapper.properties")).isRegularFile();
	}

	private String workdir() {
		return runtimeStage().stream()
			.filter((line) -> line.startsWith("WORKDIR "))
			.reduce((first, second) -> second)
			.orElseThrow()
			.substring("WORKDIR ".length());
	}

	private static int indexOf(List<String> stage, String instruction) {
		assertThat(stage).contains(instruction);
		return stage.indexOf(instruction);
	}

	private static int indexOfLast(List<String> stage, String prefix) {
		int last = -1;
		for (int i = 0; i < stage.size(); i++) {
			if (stage.get(i).startsWith(prefix)) {
				last = i;
			}
		}
		assertThat(last).as("an instruction starting with '%s'", prefix).isNotNegative();
		return last;
	}

	private List<String> buildStage() {
		return this.instructions.subList(0, indexOfLast(this.instructions, "FROM ${RUNTIME_IMAGE}"));
	}

	private List<String> runtimeStage() {
		int last = 0;
		for (int i = 0; i < this.instructions.size(); i++) {
			if (this.instructions.get(i).startsWith("FROM ")) {
				last = i;
			}
		}
		return this.instructions.subList(last, this.instructions.size());
	}

	/**
	 * The Dockerfile's instructions, one per entry, continuation lines joined, comments
	 * left out.
	 */
	private static List<String> instructions(Path dockerfile) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		try {
			for (String line : Files.readAllLines(dockerfile)) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				if (trimmed.endsWith("\\")) {
					current.append(trimmed, 0, trimmed.length() - 1).append(' ');
					continue;
				}
				instructions.add(current.append(trimmed).toString());
				current.setLength(0);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return instructions;
	}

}
