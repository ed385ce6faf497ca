package io.sockscope.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The chart rendered by helm with its default values and with
 * {@code deploy/custom-values.yaml}, every document read into a strict typed model.
 */
class ChartRenderingTests {

	private static final RenderedChart defaults = HelmChart.render();

	private static final RenderedChart custom = HelmChart.render(HelmChart.CUSTOM_VALUES);

	@Test
	void defaultValuesRenderADeploymentTwoServicesAndAConfigMapOnly() {
		assertThat(defaults.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Service", "Deployment");
	}

	@Test
	void optionalResourcesRenderWhenEnabled() {
		assertThat(custom.kinds()).containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "Service", "Service",
				"Deployment", "ServiceMonitor", "PodDisruptionBudget", "HorizontalPodAutoscaler");
	}

	@Test
	void strictModelsRejectAMisspelledField() {
		String misspelled = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  selector:
				    matchLabels:
				      app: typo
				  templat:
				    metadata:
				      labels:
				        app: typo
				""";
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> StrictKubernetesYaml.read(misspelled))
			.withMessageContaining("templat");
		assertThat(StrictKubernetesYaml.read(misspelled.replace("templat:", "template:"))).hasSize(1);
	}

	@Test
	void serviceExposesEveryListenerPortAndTheActuatorHasAServiceOfItsOwn() {
		assertThat(servicePorts(defaults.service())).containsExactlyInAnyOrderEntriesOf(Map.of("echo", 8890));
		assertThat(servicePorts(defaults.actuatorService()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("metrics", 8080));
		assertThat(containerPorts(defaults)).containsExactlyInAnyOrderEntriesOf(Map.of("echo", 8890, "metrics", 8080));
		// the disabled listener 'spare' opens no port
		assertThat(servicePorts(custom.service()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("echo", 7000, "frames", 7001));
		assertThat(servicePorts(custom.actuatorService())).containsExactlyInAnyOrderEntriesOf(Map.of("metrics", 9090));
		assertThat(containerPorts(custom))
			.containsExactlyInAnyOrderEntriesOf(Map.of("echo", 7000, "frames", 7001, "metrics", 9090));
		for (RenderedChart chart : List.of(defaults, custom)) {
			for (Service service : List.of(chart.service(), chart.actuatorService())) {
				for (ServicePort port : service.getSpec().getPorts()) {
					assertThat(port.getProtocol()).isEqualTo("TCP");
					assertThat(port.getTargetPort().getStrVal()).isEqualTo(port.getName());
				}
			}
		}
	}

	@Test
	void actuatorServiceStaysClusterIpWhenTheListenersAreALoadBalancer() {
		assertThat(custom.service().getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(custom.service().getMetadata().getAnnotations()).containsEntry("example.com/load-balancer",
				"internal");
		assertThat(custom.actuatorService().getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(custom.actuatorService().getMetadata().getAnnotations()).isNullOrEmpty();
		assertThat(custom.actuatorService().getSpec().getSelector())
			.isEqualTo(custom.service().getSpec().getSelector());
	}

	@Test
	void everyServicePortHasAnAppProtocol() {
		assertThat(appProtocols(defaults.service())).containsExactly(entry("echo", "tcp"));
		assertThat(appProtocols(defaults.actuatorService())).containsExactly(entry("metrics", "http"));
		assertThat(appProtocols(custom.service())).containsOnly(entry("echo", "tcp"),
				entry("frames", "example.com/crlf-lines"));
		assertThat(appProtocols(
				HelmChart.render((template) -> template.set("service.appProtocol", "example.com/x")).service()))
			.containsExactly(entry("echo", "example.com/x"));
		// the Service's, not the application's
		assertThat(custom.applicationYaml()).doesNotContain("appProtocol", "crlf-lines");
	}

	@Test
	void trafficPolicyAndIpFamiliesAreKubernetesDefaultsUnlessSet() {
		for (Service service : List.of(defaults.service(), defaults.actuatorService())) {
			assertThat(service.getSpec().getExternalTrafficPolicy()).isNull();
			assertThat(service.getSpec().getIpFamilyPolicy()).isNull();
			assertThat(service.getSpec().getIpFamilies()).isNullOrEmpty();
		}
		assertThat(custom.service().getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		// only a NodePort or LoadBalancer Service has an external traffic policy
		assertThat(custom.actuatorService().getSpec().getExternalTrafficPolicy()).isNull();
		assertThat(HelmChart.render((template) -> template.set("service.externalTrafficPolicy", "Local"))
			.service()
			.getSpec()
			.getExternalTrafficPolicy()).isNull();
		for (Service service : List.of(custom.service(), custom.actuatorService())) {
			assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo("PreferDualStack");
			assertThat(service.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
		}
	}

	@Test
	void probesPointAtTheActuatorHealthGroupsOnTheMetricsPort() {
		for (RenderedChart chart : List.of(defaults, custom)) {
			Container container = chart.container();
			assertThat(probePath(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
			assertThat(probePath(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
			assertThat(probePath(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
			Stream.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
				.forEach((probe) -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics"));
		}
		assertThat(containerPorts(custom)).containsEntry("metrics", 9090);
	}

	@Test
	void podRunsAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities() {
		for (RenderedChart chart : List.of(defaults, custom)) {
			PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			Container container = chart.container();
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
			assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
			// the only writable place: /tmp, an emptyDir
			VolumeMount tmp = mount(container, "/tmp");
			assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
			assertThat(volume(pod, tmp.getName()).getEmptyDir()).isNotNull();
		}
	}

	@Test
	void configMapIsMountedWhereTheApplicationReadsIt() {
		for (RenderedChart chart : List.of(defaults, custom)) {
			PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
			VolumeMount config = mount(chart.container(), "/app/config");
			assertThat(config.getReadOnly()).isTrue();
			assertThat(volume(pod, config.getName()).getConfigMap().getName()).isEqualTo(HelmChart.FULLNAME);
			assertThat(chart.configMap().getData()).containsOnlyKeys("application.yml");
		}
	}

	@Test
	void selectorsCarryOnlyStableLabels() {
		for (RenderedChart chart : List.of(defaults, custom)) {
			Map<String, String> selector = chart.deployment().getSpec().getSelector().getMatchLabels();
			assertThat(selector).containsOnly(entry("app.kubernetes.io/name", "sockscope"),
					entry("app.kubernetes.io/instance", HelmChart.RELEASE));
			assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(selector);
			assertThat(chart.service().getSpec().getSelector()).isEqualTo(selector);
			assertThat(chart.actuatorService().getSpec().getSelector()).isEqualTo(selector);
			chart.resources()
				.forEach((resource) -> assertThat(resource.getMetadata().getLabels()).containsAllEntriesOf(selector)
					.containsKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by"));
		}
		// the ServiceMonitor selects the actuator's Service, not the listeners'
		Map<String, String> monitored = custom.get(ServiceMonitor.class, HelmChart.FULLNAME)
			.getSpec()
			.getSelector()
			.getMatchLabels();
		assertThat(monitored).containsAllEntriesOf(defaults.deployment().getSpec().getSelector().getMatchLabels())
			.containsEntry("app.kubernetes.io/component", "actuator");
		assertThat(custom.actuatorService().getMetadata().getLabels()).containsAllEntriesOf(monitored);
		assertThat(custom.service().getMetadata().getLabels()).doesNotContainEntry("app.kubernetes.io/component",
				"actuator");
		assertThat(custom.get(PodDisruptionBudget.class, HelmChart.FULLNAME).getSpec().getSelector().getMatchLabels())
			.isEqualTo(defaults.deployment().getSpec().getSelector().getMatchLabels());
	}

	@Test
	void terminationGracePeriodExceedsThePreStopSleepAndTheDrainPeriod() {
		assertThat(defaults.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isEqualTo(30);
		assertThat(defaults.applicationYaml()).contains("grace-period: 20s");
		assertThat(custom.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isEqualTo(55);
		assertThat(custom.applicationYaml()).contains("grace-period: 40s");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> HelmChart.render((template) -> template.set("terminationGracePeriodSeconds", 25)))
			.withMessageContaining("terminationGracePeriodSeconds (25) must exceed preStopSleepSeconds"
					+ " + shutdown.gracePeriodSeconds (5 + 20)");
		assertThat(HelmChart
			.render((template) -> template.set("terminationGracePeriodSeconds", 25).set("preStopSleepSeconds", 0))
			.deployment()).isNotNull();
	}

	@Test
	void containerSleepsBeforeSigtermSoTheEndpointsLetGoFirst() {
		assertThat(preStop(defaults)).containsExactly("sleep", "5");
		assertThat(preStop(custom)).containsExactly("sleep", "10");
		assertThat(HelmChart.render((template) -> template.set("preStopSleepSeconds", 0)).container().getLifecycle())
			.isNull();
	}

	@Test
	void resourcesAreUnsetByDefaultAndSettable() {
		assertThat(defaults.container().getResources()).satisfiesAnyOf((resources) -> assertThat(resources).isNull(),
				(resources) -> {
					assertThat(resources.getRequests()).isNullOrEmpty();
					assertThat(resources.getLimits()).isNullOrEmpty();
				});
		assertThat(custom.container().getResources().getRequests()).containsOnly(entry("cpu", new Quantity("100m")),
				entry("memory", new Quantity("256Mi")));
		assertThat(custom.container().getResources().getLimits()).containsOnly(entry("memory", new Quantity("512Mi")));
	}

	@Test
	void imageDefaultsToTheChartsAppVersion() {
		assertThat(defaults.container().getImage()).isEqualTo("sockscope:0.1.0");
		assertThat(custom.container().getImage()).isEqualTo("registry.example.com/tools/sockscope:1.2.3");
	}

	@Test
	void changedConfigurationRollsThePods() {
		String checksum = configChecksum(defaults);
		assertThat(checksum).matches("[0-9a-f]{64}");
		assertThat(configChecksum(HelmChart.render((template) -> template.set("replicaCount", 3)))).isEqualTo(checksum);
		assertThat(configChecksum(HelmChart.render((template) -> template.set("listeners.echo.framing", "crlf"))))
			.isNotEqualTo(checksum);
		assertThat(configChecksum(custom)).isNotEqualTo(checksum);
	}

	@Test
	void autoscalerTargetsTheDeploymentWhichThenLeavesReplicasToIt() {
		assertThat(defaults.deployment().getSpec().getReplicas()).isEqualTo(1);
		HorizontalPodAutoscaler autoscaler = custom.get(HorizontalPodAutoscaler.class, HelmChart.FULLNAME);
		assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(HelmChart.FULLNAME);
		assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(5);
		assertThat(custom.deployment().getSpec().getReplicas()).isNull();
	}

	@Test
	void serviceMonitorScrapesThePrometheusEndpointOfTheMetricsPort() {
		ServiceMonitor monitor = custom.get(ServiceMonitor.class, HelmChart.FULLNAME);
		assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "monitoring");
		assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies((Endpoint endpoint) -> {
			assertThat(endpoint.getPort()).isEqualTo("metrics");
			assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
			assertThat(endpoint.getInterval()).isEqualTo("30s");
		});
		assertThat(servicePorts(custom.actuatorService())).containsKey("metrics");
	}

	@Test
	void podDisruptionBudgetKeepsOnePodByDefault() {
		PodDisruptionBudget budget = custom.get(PodDisruptionBudget.class, HelmChart.FULLNAME);
		assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
		assertThat(budget.getSpec().getMaxUnavailable()).isNull();
	}

	@Test
	void grafanaDashboardShipsInALabelledConfigMap() throws Exception {
		ConfigMap dashboard = custom.get(ConfigMap.class, HelmChart.FULLNAME + "-dashboard");
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		JsonNode json = JsonMapper.builder().build().readTree(dashboard.getData().get("sockscope.json"));
		assertThat(json.path("uid").asText()).isEqualTo("sockscope");
		assertThat(json.path("panels")).isNotEmpty();
	}

	@Test
	void invalidListenerNamesFailTheRender() {
		for (String name : List.of("Echo", "metrics", "a-name-longer-than-15")) {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> HelmChart.render((template) -> template.set("listeners." + name + ".port", 7000)))
				.withMessageContaining("listeners." + name);
		}
	}

	@Test
	void everyContainerPortHasAUniqueName() {
		for (RenderedChart chart : List.of(defaults, custom)) {
			List<String> names = chart.container().getPorts().stream().map(ContainerPort::getName).toList();
			assertThat(Set.copyOf(names)).hasSameSizeAs(names);
		}
	}

	@Test
	void notesTellHowToConnectWithTelnetAndCurlAndWhereTheMetricsAre() {
		String notes = HelmChart.notes(UnaryOperator.identity());
		assertThat(notes).contains("kubectl --namespace tools port-forward service/demo-sockscope 8890:8890\n")
			.contains("kubectl --namespace tools port-forward service/demo-sockscope-actuator 8080:8080\n")
			.contains("telnet 127.0.0.1 8890")
			.contains("curl -s -d hogehge http://127.0.0.1:8890/")
			.contains("http://127.0.0.1:8080/actuator/prometheus")
			.contains("http://demo-sockscope-actuator.tools.svc:8080/actuator/prometheus")
			.contains("helm test demo --namespace tools --logs");
		String custom = HelmChart
			.notes((install) -> install.withValuesFile(HelmChart.valuesFile("custom-values.yaml")));
		assertThat(custom).contains("telnet 127.0.0.1 7000")
			.contains("telnet 127.0.0.1 7001")
			.doesNotContain("7002")
			.doesNotContain("curl -s -d hogehge")
			.contains("A ServiceMonitor (demo-sockscope)");
	}

	private static Map<String, Integer> servicePorts(Service service) {
		return service.getSpec()
			.getPorts()
			.stream()
			.collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort));
	}

	private static Map<String, String> appProtocols(Service service) {
		return service.getSpec()
			.getPorts()
			.stream()
			.collect(Collectors.toMap(ServicePort::getName, ServicePort::getAppProtocol));
	}

	private static List<String> preStop(RenderedChart chart) {
		return chart.container().getLifecycle().getPreStop().getExec().getCommand();
	}

	private static Map<String, Integer> containerPorts(RenderedChart chart) {
		return chart.container()
			.getPorts()
			.stream()
			.collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
	}

	private static String probePath(Probe probe) {
		assertThat(probe).isNotNull();
		return probe.getHttpGet().getPath();
	}

	private static VolumeMount mount(Container container, String path) {
		return container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No volume mounted at " + path));
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No volume " + name));
	}

	private static String configChecksum(RenderedChart chart) {
		Deployment deployment = chart.deployment();
		return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
	}

}
