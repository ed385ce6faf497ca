package io.sockscope.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The chart in {@code helm/sockscope}, driven by helm itself (the helm library that
 * helm-java bundles; no cluster and no network needed).
 */
final class HelmChart {

	static final Path DIRECTORY = Path.of("helm", "sockscope");

	static final String RELEASE = "demo";

	static final String NAMESPACE = "tools";

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
		String manifests = values.apply(helm().template().withName(RELEASE).withNamespace(NAMESPACE)).call();
		List<HasMetadata> resources = StrictKubernetesYaml.read(manifests);
		return new RenderedChart(manifests, resources);
	}

	/**
	 * The notes an install prints, from a client-side dry run.
	 * @param values sets values on the command
	 * @return the rendered NOTES.txt
	 */
	static String notes(UnaryOperator<InstallCommand> values) {
		String output = values
			.apply(helm().install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly().dryRun())
			.call()
			.getOutput();
		int notes = output.indexOf("NOTES:");
		return (notes >= 0) ? output.substring(notes) : output;
	}

	static LintResult lintStrict() {
		return helm().lint().strict().call();
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
