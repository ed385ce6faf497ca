package io.sockscope.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile's shape, and that the image and the chart agree on where configuration
 * is read, which user runs and which ports are open. CI builds and runs the image itself
 * ({@code .ci/container-check}).
 */
class ContainerImageTests {

	private final List<String> instructions = instructions(Path.of("Dockerfile"));

	@Test
	void baseImagesAreBuildArgumentsWithPublicDefaults() {
		assertThat(this.instructions).contains("ARG BUILD_IMAGE=eclipse-temurin:21-jdk-noble",
				"ARG RUNTIME_IMAGE=eclipse-temurin:21-jre-noble");
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("FROM ")))
			.containsExactly("FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}");
	}

	@Test
	void runtimeStageCopiesTheJarLayersLibrariesFirstApplicationLast() {
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("COPY --from=build"))).containsExactly(
				"COPY --from=build /build/extracted/dependencies/ ./",
				"COPY --from=build /build/extracted/spring-boot-loader/ ./",
				"COPY --from=build /build/extracted/snapshot-dependencies/ ./",
				"COPY --from=build /build/extracted/application/ ./");
		assertThat(this.instructions).anyMatch((line) -> line.contains("-Djarmode=tools")
				&& line.contains("extract --layers"));
	}

	@Test
	void imageRunsAsTheChartsNonRootUser() {
		PodSpec pod = HelmChart.render().deployment().getSpec().getTemplate().getSpec();
		long uid = pod.getSecurityContext().getRunAsUser();
		assertThat(runtimeStage()).contains("USER " + uid + ":" + uid);
	}

	@Test
	void chartMountsItsConfigMapWhereTheImageReadsConfiguration() {
		String workdir = runtimeStage().stream()
			.filter((line) -> line.startsWith("WORKDIR "))
			.reduce((first, second) -> second)
			.orElseThrow()
			.substring("WORKDIR ".length());
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
	void entrypointIsExecFormRunningTheExtractedJar() {
		assertThat(runtimeStage()).filteredOn((line) -> line.startsWith("ENTRYPOINT "))
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith("ENTRYPOINT [\"java\"")
				.endsWith("\"-jar\", \"sockscope.jar\"]"));
	}

	@Test
	void buildContextHoldsOnlyWhatTheBuildNeeds() throws IOException {
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!mvnw", "!.mvn/", "!pom.xml",
				"!src/main/");
		assertThat(Path.of("mvnw")).isExecutable();
		assertThat(Path.of(".mvn", "wrapper", "maven-wrapper.properties")).isRegularFile();
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
