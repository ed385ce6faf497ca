package io.sockscope.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.sockscope.SockscopeApplication;
import io.sockscope.support.JavaProcess;
import io.sockscope.support.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code helm test} pod: rendered and read strictly, then its script run for real
 * with {@code sh}, against the application started with the chart's application.yml: only
 * the Service's host and the client's command line are this machine's (the pod's own are
 * the Service's name and the image's
 * {@code java @/app/jvm.options -jar /app/sockscope.jar}).
 */
class ChartTestPodTests {

	@TempDir
	Path directory;

	@Test
	void testPodRunsTheImagesClientWithTheChartsSecurityAndNoSelectorLabels() {
		Pod pod = singlePod(UnaryOperator.identity());
		assertThat(pod.getMetadata().getName()).isEqualTo(HelmChart.FULLNAME + "-test");
		PodSpec spec = pod.getSpec();
		assertThat(spec.getRestartPolicy()).isEqualTo("Never");
		assertThat(spec.getAutomountServiceAccountToken()).isFalse();
		RenderedChart chart = HelmChart.render();
		assertThat(spec.getSecurityContext())
			.isEqualTo(chart.deployment().getSpec().getTemplate().getSpec().getSecurityContext());
		Container container = spec.getContainers().get(0);
		assertThat(container.getImage()).isEqualTo(chart.container().getImage());
		assertThat(container.getSecurityContext()).isEqualTo(chart.container().getSecurityContext());
		assertThat(container.getVolumeMounts()).anyMatch((mount) -> mount.getMountPath().equals("/tmp"));
		assertThat(env(container)).containsEntry("TARGET_HOST", HelmChart.FULLNAME)
			.containsEntry("CLIENT", "java @/app/jvm.options -jar /app/sockscope.jar client");
		// the Services must never send traffic to the test pod
		Map<String, String> selector = chart.service().getSpec().getSelector();
		assertThat(pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.as("test pod labels %s match the Services' selector %s", pod.getMetadata().getLabels(), selector)
			.isFalse();
	}

	@Test
	void testPodChecksEveryEchoingListenerAndSkipsTheOthers() throws IOException {
		Path values = values("""
				listeners:
				  echo:
				    port: 8890
				  nul:
				    port: 9007
				    framing: "null"
				  snk:
				    port: 9009
				    mode: sink
				  web:
				    port: 9010
				    mode: http
				  off:
				    port: 9011
				    enabled: false
				""");
		String script = script(singlePod((template) -> template.withValuesFile(values)));
		assertThat(script)
			.contains("check echo 8890 \"line\"\n", "check nul 9007 \"null\"\n",
					"echo \"snk (port 9009): skipped, mode sink does not echo\"\n",
					"echo \"web (port 9010): skipped, mode http does not echo\"\n")
			.doesNotContain("9011");
		assertThat(HelmChart.renderTestPods((template) -> template.set("tests.enabled", false))).isEmpty();
	}

	@Test
	void testPodPassesAgainstTheApplicationStartedWithTheChartsConfiguration() throws IOException {
		int[] ports = freePorts(3);
		Path values = values("""
				listeners:
				  echo:
				    port: %d
				  lh2:
				    port: %d
				    framing: length-header-2
				  nul:
				    port: %d
				    framing: "null"
				""".formatted(ports[0], ports[1], ports[2]));
		UnaryOperator<TemplateCommand> chartValues = (template) -> template.withValuesFile(values);
		try (ConfigurableApplicationContext context = start(HelmChart.render(chartValues))) {
			ProcessRun run = runScript(singlePod(chartValues));
			assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
			assertThat(run.stdout().lines()).containsExactly("echo (port " + ports[0] + ", framing line): echoed",
					"lh2 (port " + ports[1] + ", framing length-header-2): echoed",
					"nul (port " + ports[2] + ", framing null): echoed");
		}
	}

	@Test
	void testPodFailsOnAWrongEcho() throws Exception {
		try (ServerSocket wrong = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> answerEveryLineWith(wrong, "not what was sent\n"));
			server.setDaemon(true);
			server.start();
			Pod pod = singlePod((template) -> template.set("listeners.echo.port", wrong.getLocalPort()));
			ProcessRun run = runScript(pod);
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.stdout()).isEqualTo("echo (port " + wrong.getLocalPort()
					+ ", framing line): sent 'helm test echo', received 'not what was sent'\n");
		}
	}

	private static Pod singlePod(UnaryOperator<TemplateCommand> values) {
		List<Pod> pods = HelmChart.renderTestPods(values);
		assertThat(pods).hasSize(1);
		return pods.get(0);
	}

	private static String script(Pod pod) {
		Container container = pod.getSpec().getContainers().get(0);
		assertThat(container.getCommand()).containsExactly("/bin/sh", "-c");
		assertThat(container.getArgs()).hasSize(1);
		return container.getArgs().get(0);
	}

	/**
	 * Run the pod's script as the pod would, with this machine's host for the Service and
	 * the client of the classes under test, on a JVM tuned to start fast.
	 */
	private static ProcessRun runScript(Pod pod) {
		Map<String, String> environment = new HashMap<>(env(pod.getSpec().getContainers().get(0)));
		environment.put("TARGET_HOST", "127.0.0.1");
		List<String> client = new ArrayList<>(JavaProcess.sockscope("client"));
		client.add(1, "-XX:TieredStopAtLevel=1");
		environment.put("CLIENT", String.join(" ", client));
		return ProcessRun.run(List.of("/bin/sh", "-c", script(pod)), new byte[0], environment, Duration.ofMinutes(5));
	}

	private static Map<String, String> env(Container container) {
		Map<String, String> environment = new HashMap<>();
		for (EnvVar variable : container.getEnv()) {
			environment.put(variable.getName(), variable.getValue());
		}
		return environment;
	}

	private ConfigurableApplicationContext start(RenderedChart chart) throws IOException {
		Path config = Files.createDirectories(this.directory.resolve("config"));
		Files.writeString(config.resolve("application.yml"), chart.applicationYaml());
		return new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--spring.config.additional-location=file:" + config.toAbsolutePath() + "/", "--server.port=0",
				"--server.address=127.0.0.1");
	}

	private Path values(String yaml) throws IOException {
		return Files.writeString(Files.createTempFile(this.directory, "values-", ".yaml"), yaml);
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	private static void answerEveryLineWith(ServerSocket server, String answer) {
		while (!server.isClosed()) {
			try (Socket socket = server.accept()) {
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				int b;
				while ((b = in.read()) != -1) {
					if (b == '\n') {
						out.write(answer.getBytes(StandardCharsets.UTF_8));
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

}
