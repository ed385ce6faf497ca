package io.sockscope.listener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.sockscope.support.PrometheusScrape;
import io.sockscope.support.SockscopeTest;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

@SockscopeTest
class ActuatorEndpointsTests {

	@LocalManagementPort
	int managementPort;

	@Test
	void livenessIsUp() throws Exception {
		assertThat(get("/actuator/health/liveness")).isEqualTo(200);
	}

	@Autowired
	ListenerRegistry listeners;

	@Test
	void readinessIsUpOnlyWhileTheListenersAreRunning() throws Exception {
		assertThat(get("/actuator/health/readiness")).isEqualTo(200);
		this.listeners.stop();
		try {
			assertThat(get("/actuator/health/readiness")).isEqualTo(503);
			assertThat(get("/actuator/health/liveness")).isEqualTo(200);
		}
		finally {
			this.listeners.start();
		}
		assertThat(get("/actuator/health/readiness")).isEqualTo(200);
		try (TcpClient client = TcpClient.connect(this.listeners.port("echo"))) {
			assertThat(client.send("again\n").readText("again\n")).isEqualTo("again\n");
			assertThat(
					PrometheusScrape.of(this.managementPort).value("sockscope_connections_active{listener=\"echo\"}"))
				.as("the restarted listener's gauge")
				.isEqualTo(1);
		}
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
		assertThat(get("/actuator/prometheus")).isEqualTo(200);
		assertThat(get("/actuator/info")).isEqualTo(200);
		assertThat(get("/actuator/env")).isEqualTo(404);
		assertThat(get("/actuator/beans")).isEqualTo(404);
		assertThat(get("/actuator/metrics")).isEqualTo(404);
	}

	private int get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
