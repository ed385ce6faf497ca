package io.sockscope.metrics;

import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.PrometheusScrape;
import io.sockscope.support.SockscopeTest;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code /actuator/prometheus} shows after known exchanges. The application is
 * shared with other test classes, so every count is a difference between two scrapes.
 */
@SockscopeTest
class TrafficMetricsTests {

	private static final String ECHO = "{listener=\"echo\"}";

	@Autowired
	ListenerRegistry listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void prometheusShowsExactBytesFramesAndConnectionsOfAnExchange() {
		await().until(() -> scrape().value("sockscope_connections_active" + ECHO) == 0);
		PrometheusScrape before = scrape();
		try (TcpClient client = TcpClient.connect(this.listeners.port("echo"))) {
			client.send("aaaa\n");
			assertThat(client.readText("aaaa\n")).isEqualTo("aaaa\n");
			client.send("bbb\r\n");
			assertThat(client.readText("bbb\r\n")).isEqualTo("bbb\r\n");
			assertThat(scrape().value("sockscope_connections_active" + ECHO)).isEqualTo(1);
		}
		await().until(() -> scrape().value("sockscope_connections_active" + ECHO) == 0);
		PrometheusScrape after = scrape();
		assertThat(delta(before, after, "sockscope_received_bytes_total" + ECHO)).isEqualTo(10);
		assertThat(delta(before, after, "sockscope_sent_bytes_total" + ECHO)).isEqualTo(10);
		assertThat(delta(before, after, "sockscope_frames_received_total" + ECHO)).isEqualTo(2);
		assertThat(delta(before, after, "sockscope_frames_sent_total" + ECHO)).isEqualTo(2);
		assertThat(delta(before, after, "sockscope_frame_size_bytes_count" + ECHO)).isEqualTo(2);
		assertThat(delta(before, after, "sockscope_frame_size_bytes_sum" + ECHO)).isEqualTo(7);
		assertThat(delta(before, after, "sockscope_frame_handling_seconds_count" + ECHO)).isEqualTo(2);
		assertThat(delta(before, after, "sockscope_connections_opened_total" + ECHO)).isEqualTo(1);
		assertThat(delta(before, after, "sockscope_connections_closed_total{listener=\"echo\",reason=\"client\"}"))
			.isEqualTo(1);
	}

	@Test
	void everyMeterIsTaggedWithItsListenerAndPresentBeforeAnyTraffic() {
		String text = scrape().text();
		for (String name : new String[] { "sockscope_connections_active", "sockscope_connections_opened_total",
				"sockscope_connections_closed_total", "sockscope_received_bytes_total", "sockscope_sent_bytes_total",
				"sockscope_frames_received_total", "sockscope_frames_sent_total", "sockscope_frame_size_bytes_bucket",
				"sockscope_frame_handling_seconds_bucket", "sockscope_errors_total" }) {
			assertThat(text).containsPattern("(?m)^" + name + "\\{[^}]*listener=\"echo\"");
		}
		assertThat(text).contains("sockscope_errors_total{kind=\"oversize\",listener=\"echo\"}");
		assertThat(text).contains("sockscope_connections_closed_total{listener=\"echo\",reason=\"shutdown\"}");
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.of(this.managementPort);
	}

	private static double delta(PrometheusScrape before, PrometheusScrape after, String sample) {
		return after.value(sample) - before.value(sample);
	}

}
