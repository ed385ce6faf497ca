package io.sockscope.deploy;

import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one render of the chart produced: the manifests as text and as typed resources.
 *
 * @param manifests the rendered YAML stream
 * @param resources every rendered resource, each read strictly into its model
 */
record RenderedChart(String manifests, List<HasMetadata> resources) {

	/**
	 * The only resource of a type with the given name.
	 * @param <T> the type
	 * @param type the model class
	 * @param name the resource's name
	 * @return the resource
	 */
	<T extends HasMetadata> T get(Class<T> type, String name) {
		List<T> matching = all(type).stream()
			.filter((resource) -> name.equals(resource.getMetadata().getName()))
			.toList();
		assertThat(matching).as("%s %s", type.getSimpleName(), name).hasSize(1);
		return matching.get(0);
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	List<String> kinds() {
		return this.resources.stream().map(HasMetadata::getKind).toList();
	}

	Deployment deployment() {
		return get(Deployment.class, HelmChart.FULLNAME);
	}

	Container container() {
		List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	/** The listeners' Service. */
	Service service() {
		return get(Service.class, HelmChart.FULLNAME);
	}

	/** The actuator's Service. */
	Service actuatorService() {
		return get(Service.class, HelmChart.FULLNAME + "-actuator");
	}

	ConfigMap configMap() {
		return get(ConfigMap.class, HelmChart.FULLNAME);
	}

	/**
	 * The application.yml the chart mounts into the pods.
	 * @return its text
	 */
	String applicationYaml() {
		String yaml = configMap().getData().get("application.yml");
		assertThat(yaml).as("application.yml in the ConfigMap").isNotBlank();
		return yaml;
	}

}
