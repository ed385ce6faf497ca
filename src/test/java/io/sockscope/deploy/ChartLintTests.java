package io.sockscope.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.marcnuri.helm.LintResult;
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
 * {@code helm lint --strict}, and the rule that every value is documented.
 */
class ChartLintTests {

	@Test
	void chartPassesStrictLint() {
		LintResult result = HelmChart.lintStrict();
		assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[WARNING]"))
			.noneMatch((message) -> message.contains("[ERROR]"));
	}

	@Test
	void everyValueIsDocumented() throws IOException {
		LoaderOptions options = new LoaderOptions();
		options.setProcessComments(true);
		Node values;
		try (Reader reader = Files.newBufferedReader(HelmChart.DIRECTORY.resolve("values.yaml"))) {
			values = new Yaml(options).compose(reader);
		}
		List<String> undocumented = new ArrayList<>();
		collectUndocumented((MappingNode) values, "", undocumented);
		assertThat(undocumented).as("values without a '# --' comment on them or on a parent").isEmpty();
	}

	/**
	 * A key is documented by a {@code # --} comment right above it; a documented key
	 * covers everything under it, an undocumented map needs each of its keys documented.
	 */
	private static void collectUndocumented(MappingNode mapping, String prefix, List<String> undocumented) {
		for (NodeTuple tuple : mapping.getValue()) {
			String key = prefix + ((ScalarNode) tuple.getKeyNode()).getValue();
			if (isDocumented(tuple.getKeyNode())) {
				continue;
			}
			if (tuple.getValueNode() instanceof MappingNode child && !child.getValue().isEmpty()) {
				collectUndocumented(child, key + ".", undocumented);
			}
			else {
				undocumented.add(key);
			}
		}
	}

	private static boolean isDocumented(Node key) {
		List<CommentLine> comments = key.getBlockComments();
		return comments != null && comments.stream().anyMatch((line) -> line.getValue().startsWith(" -- "));
	}

}
