package io.sockscope.listener;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.sockscope.SockscopeApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up of the real application, successful and failed, as an operator sees it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerStartupTests {

	@Test
	void portZeroBindsAFreePortAndTheLogShowsIt(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--sockscope.listeners.echo.port=0")) {
			int port = context.getBean(ListenerRegistry.class).port("echo");
			assertThat(port).isPositive();
			assertThat(output.getOut())
				.contains("Listener 'echo' listening on 127.0.0.1:" + port + " (framing=line, mode=auto)");
		}
	}

	@Test
	void listenerLogsOneLineWhenItStartsAndOneWhenItStops(CapturedOutput output) {
		// a name no other test uses: cached contexts of other test classes in this JVM
		// have
		// 'echo' listeners of their own, whose connections may log while this test runs
		String[] args = { "--sockscope.listeners.echo.enabled=false", "--sockscope.listeners.startlines.port=0" };
		try (ConfigurableApplicationContext context = start(args)) {
			assertThat(context.getBean(ListenerRegistry.class).isListening("startlines")).isTrue();
		}
		// the flow's channel and gateway are Spring Integration components, which log
		// their
		// own start and stop under the listener's flow id: chatter an operator has no use
		// for
		assertThat(output.getOut().lines().filter((line) -> line.contains("startlines"))).satisfiesExactly(
				(line) -> assertThat(line).contains("Listener 'startlines' listening on 127.0.0.1:"),
				(line) -> assertThat(line).contains("Listener 'startlines' stopped"));
	}

	@Test
	void portInUseStopsStartUpWithOneLineNamingListenerAndAddress(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			assertThatException().isThrownBy(() -> start("--sockscope.listeners.echo.port=" + port));
			assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
				.contains("Listener 'echo' cannot listen on 127.0.0.1:" + port + ": Address already in use")
				.doesNotContain("at io.sockscope");
		}
	}

	@Test
	void invalidValueStopsStartUpNamingPropertyAndValue(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--sockscope.listeners.echo.port=70000"));
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("sockscope.listeners.echo.port")
			.contains("70000");
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(SockscopeApplication.class).run(concat(args, "--server.port=0"));
	}

	private static String[] concat(String[] args, String extra) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = extra;
		return all;
	}

}
