package io.sockscope.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.sockscope.SockscopeApplication;
import io.sockscope.config.SockscopeProperties;
import io.sockscope.config.SockscopeProperties.Listener;
import io.sockscope.framing.Framing;
import io.sockscope.inspect.PayloadFormat;
import io.sockscope.listener.ListenerRegistry;
import io.sockscope.mode.Mode;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application.yml in the chart's ConfigMap is the configuration the application
 * binds: the application is started with it, from a {@code config/} directory as the pods
 * mount it, with only the ports moved to free ones.
 */
class ChartConfigurationTests {

	@TempDir
	Path mount;

	@Test
	void configMapHoldsTheListenersFromValuesBindingEveryInterface() {
		Map<String, Object> listeners = listeners(HelmChart.render());
		assertThat(listeners).containsOnlyKeys("echo");
		assertThat(listeners.get("echo"))
			.isEqualTo(Map.of("host", "0.0.0.0", "port", 8890, "framing", "line", "mode", "auto"));
		Map<String, Object> custom = listeners(HelmChart.render(HelmChart.CUSTOM_VALUES));
		assertThat(custom).containsOnlyKeys("echo", "frames", "spare");
		assertThat(custom.get("frames")).isEqualTo(Map.of("host", "0.0.0.0", "port", 7001, "framing", "crlf", "mode",
				"echo", "max-frame-size", "1KB", "idle-timeout", "30s", "log", Map.of("payload", "hex")));
		assertThat(custom.get("spare")).isEqualTo(Map.of("host", "0.0.0.0", "port", 7002, "enabled", false));
	}

	@Test
	void configMapBindsTheActuatorOnEveryInterfaceForProbesAndPrometheus() {
		assertThat(server(HelmChart.render())).isEqualTo(Map.of("port", 8080, "address", "0.0.0.0"));
		assertThat(server(HelmChart.render((template) -> template.set("actuator.address", "::"))))
			.containsEntry("address", "::");
	}

	@Test
	void applicationDefaultListenerIsSwitchedOffWhenValuesDropIt() throws IOException {
		// as a user drops it: a values file with `echo: null` (helm-java's set(key, null)
		// would set an empty string instead of YAML's null)
		Path values = Files.writeString(this.mount.resolve("drop-echo.yaml"), """
				listeners:
				  echo: null
				  other:
				    port: 7000
				""");
		Map<String, Object> listeners = listeners(HelmChart.render((template) -> template.withValuesFile(values)));
		assertThat(listeners).containsEntry("echo", Map.of("enabled", false));
		assertThat(listeners).containsKey("other");
	}

	@Test
	void applicationStartsWithTheDefaultConfigMapAndAnswersOnItsListenerAndProbes() throws Exception {
		RenderedChart chart = HelmChart.render();
		try (ConfigurableApplicationContext context = start(chart)) {
			SockscopeProperties properties = context.getBean(SockscopeProperties.class);
			assertThat(properties.enabledListeners()).containsOnlyKeys("echo");
			Listener echo = properties.enabledListeners().get("echo");
			assertThat(echo.host()).isEqualTo("0.0.0.0");
			assertThat(echo.framing()).isEqualTo(Framing.LINE);
			assertThat(echo.mode()).isEqualTo(Mode.AUTO);
			assertThat(properties.shutdown().gracePeriod()).isEqualTo(Duration.ofSeconds(20))
				.isLessThan(terminationGracePeriod(chart));
			assertEchoes(context, "echo", "hello chart\n");
			assertProbesAnswer(chart, context);
		}
	}

	@Test
	void applicationStartsWithTheCustomConfigMapAndAnswersOnEveryListenerAndProbe() throws Exception {
		RenderedChart chart = HelmChart.render(HelmChart.CUSTOM_VALUES);
		try (ConfigurableApplicationContext context = start(chart)) {
			SockscopeProperties properties = context.getBean(SockscopeProperties.class);
			assertThat(properties.enabledListeners()).containsOnlyKeys("echo", "frames");
			Listener frames = properties.enabledListeners().get("frames");
			assertThat(frames.host()).isEqualTo("0.0.0.0");
			assertThat(frames.framing()).isEqualTo(Framing.CRLF);
			assertThat(frames.mode()).isEqualTo(Mode.ECHO);
			assertThat(frames.maxFrameSize()).isEqualTo(DataSize.ofKilobytes(1));
			assertThat(frames.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(frames.log().payload()).isEqualTo(PayloadFormat.HEX);
			assertThat(context.getEnvironment().getProperty("logging.level.sockscope.frames")).isEqualTo("warn");
			assertThat(properties.shutdown().gracePeriod()).isEqualTo(Duration.ofSeconds(40))
				.isLessThan(terminationGracePeriod(chart));
			assertEchoes(context, "echo", "hello chart\n");
			assertEchoes(context, "frames", "hello frames\r\n");
			assertProbesAnswer(chart, context);
		}
	}

	/**
	 * Start the application as a pod would, with the ConfigMap's application.yml in a
	 * {@code config/} directory, every port moved to a free one.
	 */
	private ConfigurableApplicationContext start(RenderedChart chart) throws IOException {
		Path config = Files.createDirectories(this.mount.resolve("config"));
		Files.writeString(config.resolve("application.yml"), chart.applicationYaml());
		List<String> args = new ArrayList<>();
		args.add("--spring.config.additional-location=file:" + config.toAbsolutePath() + "/");
		args.add("--server.port=0");
		listeners(chart).keySet().forEach((name) -> args.add("--sockscope.listeners." + name + ".port=0"));
		return new SpringApplicationBuilder(SockscopeApplication.class).run(args.toArray(String[]::new));
	}

	private static void assertEchoes(ConfigurableApplicationContext context, String listener, String line) {
		int port = context.getBean(ListenerRegistry.class).port(listener);
		try (TcpClient client = TcpClient.connect(port)) {
			client.send(line);
			assertThat(client.readText(line)).isEqualTo(line);
		}
	}

	/**
	 * The probe paths of the rendered Deployment, and the ServiceMonitor's path, answer
	 * 200 on the application's actuator port.
	 */
	private static void assertProbesAnswer(RenderedChart chart, ConfigurableApplicationContext context)
			throws Exception {
		int managementPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		Container container = chart.container();
		List<String> paths = List.of(container.getStartupProbe().getHttpGet().getPath(),
				container.getLivenessProbe().getHttpGet().getPath(),
				container.getReadinessProbe().getHttpGet().getPath(), "/actuator/prometheus");
		HttpClient http = HttpClient.newHttpClient();
		for (String path : paths) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		}
	}

	private static Duration terminationGracePeriod(RenderedChart chart) {
		return Duration
			.ofSeconds(chart.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> server(RenderedChart chart) {
		Map<String, Object> yaml = new Yaml().load(chart.applicationYaml());
		return (Map<String, Object>) yaml.get("server");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> listeners(RenderedChart chart) {
		Map<String, Object> yaml = new Yaml().load(chart.applicationYaml());
		Map<String, Object> sockscope = (Map<String, Object>) yaml.get("sockscope");
		return new LinkedHashMap<>((Map<String, Object>) sockscope.get("listeners"));
	}

}
