package io.sockscope.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marcnuri.helm.TemplateCommand;
import io.sockscope.framing.Framing;
import io.sockscope.inspect.PayloadFormat;
import io.sockscope.mode.Mode;
import io.sockscope.support.PropertyTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code values.schema.json}: helm checks every render against it, so the defaults, the
 * tests' values and chart-testing's {@code ci/} values must meet it, a wrong type or an
 * unknown key fails the render, and it describes exactly the keys {@code values.yaml} has
 * and the listener properties the application binds.
 */
class ChartSchemaTests {

	private static final JsonNode schema = schema();

	@Test
	void defaultAndTestValuesMeetTheSchema() {
		assertThat(HelmChart.render().kinds()).contains("Deployment");
		assertThat(HelmChart.render(HelmChart.CUSTOM_VALUES).kinds()).contains("Deployment");
	}

	@ParameterizedTest
	@MethodSource("io.sockscope.deploy.HelmChart#ciValuesFiles")
	void chartTestingValuesMeetTheSchemaAndRender(Path values) {
		assertThat(HelmChart.render((template) -> template.withValuesFile(values)).kinds()).contains("Deployment",
				"Service", "ConfigMap");
	}

	@Test
	void chartTestingHasValuesFiles() {
		assertThat(HelmChart.ciValuesFiles()).isNotEmpty();
	}

	@Test
	void wrongTypeFailsTheRenderNamingTheValue() {
		assertRejected((template) -> template.set("replicaCount", "three"), "/replicaCount", "want integer");
		assertRejected((template) -> template.set("serviceMonitor.enabled", "yes please"), "/serviceMonitor/enabled",
				"want boolean");
		assertRejected((template) -> template.set("listeners.echo.port", 70000), "/listeners/echo/port", "maximum");
	}

	@Test
	void unknownKeyFailsTheRender() {
		assertRejected((template) -> template.set("replicas", 2), "additional properties 'replicas' not allowed");
		assertRejected((template) -> template.set("service.typ", "NodePort"),
				"additional properties 'typ' not allowed");
		assertRejected((template) -> template.set("listeners.echo.framin", "lf"),
				"additional properties 'framin' not allowed");
	}

	@Test
	void unknownFramingModeOrServiceTypeFailsTheRender() {
		assertRejected((template) -> template.set("listeners.echo.framing", "morse"), "/listeners/echo/framing",
				"'length-header-2'");
		assertRejected((template) -> template.set("listeners.echo.mode", "mirror"), "/listeners/echo/mode");
		assertRejected((template) -> template.set("service.type", "Ingress"), "/service/type");
	}

	@Test
	void chartRequiresTheKubernetesVersionItsResourcesNeed() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new com.marcnuri.helm.Helm(HelmChart.DIRECTORY).template()
				.withName(HelmChart.RELEASE)
				.withKubeVersion("1.22.0")
				.call())
			.withMessageContaining("chart requires kubeVersion: >=1.23.0-0");
	}

	@Test
	void schemaDescribesExactlyTheKeysOfValuesYaml() throws IOException {
		Map<String, Object> values;
		try (Reader reader = Files.newBufferedReader(HelmChart.DIRECTORY.resolve("values.yaml"))) {
			values = new Yaml().load(reader);
		}
		List<String> missing = new ArrayList<>();
		List<String> extra = new ArrayList<>();
		compare(values, schema, "", missing, extra);
		assertThat(missing).as("values.yaml keys the schema does not describe").isEmpty();
		// Helm's own key for subcharts may be there without being in values.yaml
		assertThat(extra).as("schema properties values.yaml does not have").containsOnly("global");
	}

	@Test
	void listenerPropertiesAreTheApplicationsListenerPropertiesAndTheServicePortsAppProtocol() {
		Set<String> application = new TreeSet<>();
		String prefix = "sockscope.listeners.<name>.";
		PropertyTree.sockscope()
			.keySet()
			.stream()
			.filter((name) -> name.startsWith(prefix))
			.forEach((name) -> application.add(name.substring(prefix.length())));
		application.add("appProtocol");
		Set<String> schemaListener = new TreeSet<>();
		collectProperties(schema.path("definitions").path("listener"), "", schemaListener);
		assertThat(schemaListener).isEqualTo(application);
	}

	@Test
	void listenerEnumsAreTheApplicationsSpellings() {
		JsonNode listener = schema.path("definitions").path("listener").path("properties");
		assertThat(texts(listener.path("framing").path("enum")))
			.containsExactlyElementsOf(Arrays.stream(Framing.values()).map(Framing::displayName).toList());
		assertThat(texts(listener.path("relay").path("properties").path("framing").path("enum")))
			.containsExactlyElementsOf(Arrays.stream(Framing.values()).map(Framing::displayName).toList());
		assertThat(texts(listener.path("mode").path("enum")))
			.containsExactlyElementsOf(Arrays.stream(Mode.values()).map(Mode::displayName).toList());
		assertThat(texts(listener.path("log").path("properties").path("payload").path("enum")))
			.containsExactlyElementsOf(Arrays.stream(PayloadFormat.values())
				.map((format) -> format.name().toLowerCase(Locale.ROOT))
				.toList());
	}

	private static void assertRejected(UnaryOperator<TemplateCommand> values, String... messages) {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> HelmChart.render(values))
			.withMessageContaining("values don't meet the specifications of the schema")
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(messages));
	}

	/**
	 * Walk values.yaml and the schema together: a map whose schema lists its properties
	 * is compared key by key; any other value (a listener, a Kubernetes object passed
	 * through) ends the walk.
	 */
	@SuppressWarnings("unchecked")
	private static void compare(Map<String, Object> values, JsonNode node, String prefix, List<String> missing,
			List<String> extra) {
		JsonNode properties = node.path("properties");
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			JsonNode property = properties.path(entry.getKey());
			if (property.isMissingNode()) {
				missing.add(prefix + entry.getKey());
			}
			else if (entry.getValue() instanceof Map<?, ?> map && property.has("properties")) {
				compare((Map<String, Object>) map, property, prefix + entry.getKey() + ".", missing, extra);
			}
		}
		properties.fieldNames().forEachRemaining((name) -> {
			if (!values.containsKey(name)) {
				extra.add(prefix + name);
			}
		});
	}

	private static void collectProperties(JsonNode node, String prefix, Set<String> names) {
		node.path("properties").fields().forEachRemaining((entry) -> {
			if (entry.getValue().has("properties")) {
				collectProperties(entry.getValue(), prefix + entry.getKey() + ".", names);
			}
			else {
				names.add(prefix + entry.getKey());
			}
		});
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((element) -> texts.add(element.asText()));
		return texts;
	}

	private static JsonNode schema() {
		try {
			return JsonMapper.builder().build().readTree(HelmChart.DIRECTORY.resolve("values.schema.json").toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
