package io.sockscope.info;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.SockscopeTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/info} on the started application: the build, the commit when the
 * build had one, and every listener with the port it is bound to.
 */
@SockscopeTest
class InfoEndpointTests {

	@LocalManagementPort
	int managementPort;

	@Autowired
	ListenerRegistry listeners;

	@Test
	void infoShowsTheBuildTheCommitAndEachListener() throws Exception {
		JsonNode info = info();
		Properties build = resource("META-INF/build-info.properties");
		assertThat(info.path("build").path("version").asText()).isEqualTo(build.getProperty("build.version"))
			.isNotEmpty();
		assertThat(info.path("build").path("artifact").asText()).isEqualTo("sockscope");
		assertThat(info.path("build").path("time").asText()).isNotEmpty();
		Properties git = resource("git.properties");
		if (git.containsKey("git.commit.id")) {
			assertThat(info.path("git").path("commit").path("id").asText())
				.isEqualTo(git.getProperty("git.commit.id.abbrev"));
			assertThat(info.path("git").path("branch").asText()).isEqualTo(git.getProperty("git.branch"));
		}
		JsonNode echo = info.path("listeners").path("echo");
		assertThat(echo.path("host").asText()).isEqualTo("127.0.0.1");
		assertThat(echo.path("port").asInt()).isEqualTo(this.listeners.port("echo")).isPositive();
		assertThat(echo.path("framing").asText()).isEqualTo("line");
		assertThat(echo.path("mode").asText()).isEqualTo("auto");
		assertThat(info.path("listeners").properties()).hasSameSizeAs(this.listeners.names());
	}

	private JsonNode info() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/info"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static Properties resource(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = InfoEndpointTests.class.getClassLoader().getResourceAsStream(name)) {
			if (in != null) {
				properties.load(in);
			}
		}
		return properties;
	}

}
