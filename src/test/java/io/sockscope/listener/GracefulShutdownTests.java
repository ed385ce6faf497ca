package io.sockscope.listener;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.sockscope.SockscopeApplication;
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
 * Closing the application context, as SIGTERM does.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private static final int LARGE = 16 * 1024 * 1024;

	@Test
	void replyInFlightAtShutdownIsDeliveredAndIdleConnectionsAreClosed(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--server.port=0", "--sockscope.listeners.echo.port=0", "--sockscope.listeners.echo.max-frame-size=32MB",
				"--logging.level.sockscope.frames=warn");
		int port = context.getBean(ListenerRegistry.class).port("echo");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		try (TcpClient idle = TcpClient.connect(port); TcpClient busy = TcpClient.connect(port)) {
			assertThat(idle.send("ping\n").readText("ping\n")).isEqualTo("ping\n");
			// a reply larger than the socket buffers: the server is still writing it while
			// this client does not read
			byte[] line = new byte[LARGE + 1];
			Arrays.fill(line, (byte) 'x');
			line[LARGE] = '\n';
			busy.send(line);
			await().until(() -> meters.get("sockscope.sent").tag("listener", "echo").counter().count() > 5);
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
			assertThat(idle.readToEnd()).as("idle connection closed at once").isEmpty();
			assertThat(shutdown).isNotDone();
			assertThat(busy.readToEnd()).as("the whole reply, then the close").isEqualTo(line);
			shutdown.get(30, TimeUnit.SECONDS);
		}
		assertThat(output.getOut()).containsPattern("close listener=echo .* reason=shutdown")
			.contains("Listener 'echo' stopped")
			.doesNotContain(" ERROR ");
	}

	@Test
	void connectionsStillBusyAfterTheGracePeriodAreClosed(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SockscopeApplication.class).run(
				"--server.port=0", "--sockscope.listeners.echo.port=0", "--sockscope.listeners.echo.max-frame-size=32MB",
				"--sockscope.shutdown.grace-period=200ms", "--logging.level.sockscope.frames=warn");
		int port = context.getBean(ListenerRegistry.class).port("echo");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		try (TcpClient stuck = TcpClient.connect(port)) {
			byte[] line = new byte[LARGE + 1];
			Arrays.fill(line, (byte) 'y');
			line[LARGE] = '\n';
			stuck.send(line);
			await().until(() -> meters.get("sockscope.sent").tag("listener", "echo").counter().count() > 5);
			// never reads: shutdown must not wait for it beyond the grace period
			CompletableFuture.runAsync(context::close).get(30, TimeUnit.SECONDS);
		}
		assertThat(output.getOut()).contains("Listener 'echo' closing 1 connection(s) still busy after the grace period");
	}

}
