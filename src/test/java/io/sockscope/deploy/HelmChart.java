package io.sockscope.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart in {@code helm/sockscope}, driven by helm itself (the helm library that
 * helm-java bundles; no cluster and no network needed).
 */
final class HelmChart {

	static final Path DIRECTORY = Path.of("helm", "sockscope");

	static final String RELEASE = "demo";

	static final String NAMESPACE = "tools";

	/**
	 * The Kubernetes version the chart is rendered for: the helm library defaults to
	 * 1.20, below the chart's {@code kubeVersion}.
	 */
	static final String KUBE_VERSION = "1.31.0";

	/** The resources' name: {@code <release>-<chart>}. */
	static final String FULLNAME = RELEASE + "-sockscope";

	/**
	 * Every optional feature on and every listener-related value changed, from
	 * {@code src/test/resources/deploy/custom-values.yaml}.
	 */
	static final UnaryOperator<TemplateCommand> CUSTOM_VALUES = (template) -> template
		.withValuesFile(valuesFile("custom-values.yaml"));

	private HelmChart() {
	}

	/**
	 * Render the chart with its default values.
	 * @return the rendered resources
	 */
	static RenderedChart render() {
		return render(UnaryOperator.identity());
	}

	/**
	 * Render the chart like {@code helm template}.
	 * @param values sets values on the command ({@code set}, {@code withValuesFile})
	 * @return the rendered resources
	 */
	static RenderedChart render(UnaryOperator<TemplateCommand> values) {
		return render(DIRECTORY, values);
	}

	private static RenderedChart render(Path chart, UnaryOperator<TemplateCommand> values) {
		String manifests = values
			.apply(new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION))
			.call();
		List<HasMetadata> resources = StrictKubernetesYaml.read(manifests);
		return new RenderedChart(manifests, resources);
	}

	/**
	 * The {@code helm test} pods, which {@code helm template} through this helm library
	 * leaves out with every hook: rendered from a copy of the chart whose test templates
	 * have their {@code helm.sh/hook} annotations removed, and nothing else changed.
	 * @param values sets values on the command
	 * @return the test pods
	 */
	static List<Pod> renderTestPods(UnaryOperator<TemplateCommand> values) {
		try {
			Path copy = Files.createTempDirectory("sockscope-chart-");
			try {
				copyTree(DIRECTORY, copy);
				try (Stream<Path> tests = Files.list(copy.resolve("templates").resolve("tests"))) {
					for (Path test : tests.toList()) {
						String template = Files.readString(test);
						assertThat(template).contains("helm.sh/hook: test");
						Files.writeString(test,
								template.lines()
									.filter((line) -> !line.contains("helm.sh/hook"))
									.collect(Collectors.joining("\n", "", "\n")));
					}
				}
				return render(copy, values).all(Pod.class);
			}
			finally {
				FileSystemUtils.deleteRecursively(copy);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination);
				}
			}
		}
	}

	/**
	 * The notes an install prints, from a client-side dry run.
	 * @param values sets values on the command
	 * @return the rendered NOTES.txt
	 */
	static String notes(UnaryOperator<InstallCommand> values) {
		String output = values
			.apply(helm().install()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.withKubeVersion(KUBE_VERSION)
				.clientOnly()
				.dryRun())
			.call()
			.getOutput();
		int notes = output.indexOf("NOTES:");
		return (notes >= 0) ? output.substring(notes) : output;
	}

	static LintResult lintStrict() {
		return helm().lint().strict().call();
	}

	/**
	 * The values files chart-testing installs the chart with, {@code ci/*-values.yaml}.
	 * @return their paths
	 */
	static List<Path> ciValuesFiles() {
		try (Stream<Path> files = Files.list(DIRECTORY.resolve("ci"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A values file of the tests, from {@code src/test/resources/deploy}.
	 * @param name the file's name
	 * @return its path
	 */
	static Path valuesFile(String name) {
		return Path.of("src", "test", "resources", "deploy", name);
	}

	private static Helm helm() {
		return new Helm(DIRECTORY);
	}

}
