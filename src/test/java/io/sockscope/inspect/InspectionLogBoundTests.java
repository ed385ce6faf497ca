package io.sockscope.inspect;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
import io.sockscope.listener.ListenerRegistry;
import io.sockscope.support.TcpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener flooded with frames logs at most its {@code log.lines-per-second}; every
 * line left out is counted and summed up in one line per interval.
 */
@ExtendWith(OutputCaptureExtension.class)
class InspectionLogBoundTests {

	private static final int FRAMES = 3000;

	@Test
	void floodOfFramesLogsAtMostTheListenersLinesPerSecondAndCountsTheRest(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--server.port=0", "--sockscope.listeners.echo.enabled=false", "--sockscope.listeners.chatty.port=0",
				"--sockscope.listeners.chatty.log.lines-per-second=20",
				"--sockscope.inspection.drop-summary-interval=1s")) {
			int port = context.getBean(ListenerRegistry.class).port("chatty");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < FRAMES; i++) {
				lines.append("line ").append(i).append('\n');
			}
			long start = System.nanoTime();
			try (TcpClient client = TcpClient.connect(port)) {
				client.send(lines.toString());
				assertThat(client.read(lines.length())).isEqualTo(lines.toString().getBytes(StandardCharsets.US_ASCII));
			}
			await().untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("close listener=chatty|Listener 'chatty' left [\\d,]+ inspection log line"));
			long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
			await().untilAsserted(() -> {
				long logged = output.getOut().lines().filter((line) -> line.contains("listener=chatty")).count();
				double dropped = meters.get("sockscope.log.events.dropped")
					.tags("listener", "chatty", "reason", "rate")
					.functionCounter()
					.count()
						+ meters.get("sockscope.log.events.dropped")
							.tags("listener", "chatty", "reason", "queue")
							.functionCounter()
							.count();
				// every frame both ways, the open and the close: each logged or counted
				assertThat(logged + (long) dropped).isEqualTo(2L * FRAMES + 2);
				assertThat(logged).isLessThanOrEqualTo(20 * (seconds + 1));
			});
			await().untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("Listener 'chatty' left [\\d,]+ inspection log line\\(s\\) out in the last 1s"));
		}
	}

}
