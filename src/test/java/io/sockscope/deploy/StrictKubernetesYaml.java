package io.sockscope.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Reads Kubernetes manifests into fabric8's typed models, strictly: a field the model
 * does not know fails the read instead of landing in the models' catch-all
 * {@code additionalProperties} (their Jackson any-setter is switched off), and so does a
 * kind or API version the chart is not meant to render.
 */
final class StrictKubernetesYaml {

	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of("v1/ConfigMap", ConfigMap.class,
			"v1/Service", Service.class, "v1/Pod", Pod.class, "apps/v1/Deployment", Deployment.class,
			"policy/v1/PodDisruptionBudget", PodDisruptionBudget.class, "autoscaling/v2/HorizontalPodAutoscaler",
			HorizontalPodAutoscaler.class, "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

	private static final ObjectMapper mapper = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.annotationIntrospector(new NoAnySetterIntrospector())
		.build();

	private StrictKubernetesYaml() {
	}

	/**
	 * Read every document of a multi-document YAML stream; empty documents are skipped.
	 * @param yaml the manifests
	 * @return the resources, in stream order
	 * @throws IllegalArgumentException if a document has an unknown kind or field
	 */
	static List<HasMetadata> read(String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(yaml)) {
			while (documents.hasNextValue()) {
				JsonNode document = documents.nextValue();
				if (document != null && !document.isNull() && !document.isMissingNode()) {
					resources.add(read(document));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return resources;
	}

	private static HasMetadata read(JsonNode document) throws IOException {
		String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
		Class<? extends HasMetadata> model = TYPES.get(type);
		if (model == null) {
			throw new IllegalArgumentException("Unexpected resource type " + type + " in:\n" + document);
		}
		try {
			return mapper.treeToValue(document, model);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not a valid " + type + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Jackson's own annotation reading, except that no any-setter is found, so unknown
	 * fields are unknown.
	 */
	private static final class NoAnySetterIntrospector extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasAnySetter(Annotated annotated) {
			return Boolean.FALSE;
		}

	}

}
