package io.sockscope.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sockscope.support.Markdown;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's README lists every value {@code values.yaml} documents (a {@code # --}
 * comment) with its default, and nothing else; Chart.yaml's Artifact Hub annotations name
 * the image the defaults run and the project's license.
 */
class ChartDocumentationTests {

	private static final Path README = HelmChart.DIRECTORY.resolve("README.md");

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| ");

	private static final String DEFAULT = " @default -- ";

	@Test
	void readmeListsEveryDocumentedValueWithItsDefault() throws IOException {
		Map<String, String> expected = documentedValues();
		Map<String, String> documented = new LinkedHashMap<>();
		boolean inValues = false;
		for (String line : Markdown.lines(README)) {
			if (line.startsWith("## ")) {
				inValues = line.equals("## Values");
			}
			Matcher row = ROW.matcher(line);
			if (inValues && row.find()) {
				documented.put(row.group(1), row.group(2));
			}
		}
		StringBuilder table = new StringBuilder();
		expected
			.forEach((key, value) -> table.append("| `").append(key).append("` | ").append(value).append(" | ... |\n"));
		assertThat(documented).as("helm/sockscope/README.md, Values; values.yaml says:%n%s", table)
			.containsExactlyEntriesOf(expected);
	}

	@Test
	@SuppressWarnings("unchecked")
	void artifactHubAnnotationsNameTheDefaultImageAndTheLicense() throws IOException {
		Map<String, Object> chart = load(HelmChart.DIRECTORY.resolve("Chart.yaml"));
		Map<String, String> annotations = (Map<String, String>) chart.get("annotations");
		assertThat(annotations.get("artifacthub.io/license")).isEqualTo("Apache-2.0");
		assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
		List<Map<String, String>> images = new Yaml().load(annotations.get("artifacthub.io/images"));
		assertThat(images).singleElement()
			.satisfies((image) -> assertThat(image.get("image")).isEqualTo(HelmChart.render().container().getImage()));
		List<Map<String, String>> links = new Yaml().load(annotations.get("artifacthub.io/links"));
		assertThat(links).allSatisfy((link) -> assertThat(link.get("url")).startsWith((String) chart.get("home")));
		assertThat((List<String>) chart.get("sources")).contains((String) chart.get("home"));
		assertThat((String) chart.get("kubeVersion")).isNotBlank();
	}

	/**
	 * Each key carrying a {@code # --} comment, with the default the README shows: the
	 * comment's {@code @default --} text, else the value as compact JSON in backticks.
	 * The keys under a documented key are covered by it; an undocumented map's keys are
	 * looked at one by one.
	 */
	private static Map<String, String> documentedValues() throws IOException {
		LoaderOptions options = new LoaderOptions();
		options.setProcessComments(true);
		Node root;
		try (Reader reader = Files.newBufferedReader(HelmChart.DIRECTORY.resolve("values.yaml"))) {
			root = new Yaml(options).compose(reader);
		}
		Map<String, Object> values = load(HelmChart.DIRECTORY.resolve("values.yaml"));
		Map<String, String> documented = new LinkedHashMap<>();
		collect((MappingNode) root, values, "", documented);
		return documented;
	}

	@SuppressWarnings("unchecked")
	private static void collect(MappingNode mapping, Map<String, Object> values, String prefix,
			Map<String, String> documented) throws IOException {
		for (NodeTuple tuple : mapping.getValue()) {
			String key = ((ScalarNode) tuple.getKeyNode()).getValue();
			List<CommentLine> comments = tuple.getKeyNode().getBlockComments();
			boolean isDocumented = comments != null
					&& comments.stream().anyMatch((line) -> line.getValue().startsWith(" -- "));
			if (isDocumented) {
				String defaultText = comments.stream()
					.map(CommentLine::getValue)
					.filter((line) -> line.startsWith(DEFAULT))
					.map((line) -> line.substring(DEFAULT.length()))
					.findFirst()
					.orElse("`" + JsonMapper.builder().build().writeValueAsString(values.get(key)) + "`");
				documented.put(prefix + key, defaultText);
			}
			else if (tuple.getValueNode() instanceof MappingNode child) {
				collect(child, (Map<String, Object>) values.get(key), prefix + key + ".", documented);
			}
		}
	}

	private static Map<String, Object> load(Path yaml) throws IOException {
		try (Reader reader = Files.newBufferedReader(yaml)) {
			return new Yaml().load(reader);
		}
	}

}
