package io.sockscope.config;

import java.nio.file.Path;
import java.util.List;

import io.sockscope.framing.Framing;
import io.sockscope.inspect.PayloadFormat;
import io.sockscope.mode.Mode;
import io.sockscope.mode.RelayConnections;
import io.sockscope.support.Markdown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SockscopePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void listenerWithOnlyAPortGetsTheDocumentedDefaults() {
		this.runner.withPropertyValues("sockscope.listeners.echo.port=9000").run((context) -> {
			SockscopeProperties.Listener echo = context.getBean(SockscopeProperties.class).listeners().get("echo");
			assertThat(echo.enabled()).isTrue();
			assertThat(echo.host()).isEqualTo("127.0.0.1");
			assertThat(echo.port()).isEqualTo(9000);
			assertThat(echo.framing()).isEqualTo(Framing.LINE);
			assertThat(echo.mode()).isEqualTo(Mode.AUTO);
			assertThat(echo.maxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(echo.idleTimeout()).hasMinutes(5);
			assertThat(echo.maxConnections()).isEqualTo(10000);
			assertThat(echo.platformThreads()).isEqualTo(64);
			assertThat(echo.log().payload()).isEqualTo(PayloadFormat.TEXT);
			assertThat(echo.log().maxBytes()).isEqualTo(DataSize.ofKilobytes(1));
		});
	}

	@Test
	void relayGivesEachClientItsOwnUpstreamConnectionByDefault() {
		this.runner
			.withPropertyValues("sockscope.listeners.front.port=9000", "sockscope.listeners.front.mode=relay",
					"sockscope.listeners.front.relay.host=127.0.0.1", "sockscope.listeners.front.relay.port=9001")
			.run((context) -> {
				SockscopeProperties.Relay relay = context.getBean(SockscopeProperties.class)
					.listeners()
					.get("front")
					.relay();
				assertThat(relay.connections()).isEqualTo(RelayConnections.PER_CLIENT);
				assertThat(relay.poolSize()).isEqualTo(32);
				assertThat(relay.timeout()).hasSeconds(5);
			});
	}

	@ParameterizedTest
	@CsvSource({ "per-client, PER_CLIENT", "pooled, POOLED" })
	void relayConnectionsBindInTheirConfigurationSpelling(String value, RelayConnections connections) {
		this.runner.withPropertyValues("sockscope.listeners.front.relay.connections=" + value)
			.run((context) -> assertThat(
					context.getBean(SockscopeProperties.class).listeners().get("front").relay().connections())
				.isEqualTo(connections));
	}

	@Test
	void framingNamesBindInTheirConfigurationSpelling() {
		this.runner
			.withPropertyValues("sockscope.listeners.a.framing=crlf", "sockscope.listeners.a.port=1",
					"sockscope.listeners.b.framing=lf", "sockscope.listeners.b.port=2",
					"sockscope.listeners.c.framing=null", "sockscope.listeners.c.port=3")
			.run((context) -> assertThat(context.getBean(SockscopeProperties.class).listeners())
				.extractingFromEntries((entry) -> entry.getValue().framing())
				.containsExactlyInAnyOrder(Framing.CRLF, Framing.LF, Framing.NULL));
	}

	@Test
	void unknownFramingNamesThePropertyAndTheValue() {
		this.runner.withPropertyValues("sockscope.listeners.echo.framing=morse")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("sockscope.listeners.echo.framing")
				.contains("morse"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			port             | 70000 | 70000 | Port must be between 0 and 65535
			max-frame-size   | 0     | 0B    | Max frame size must be between 1B and
			max-connections  | 0     | 0     | Max connections must be at least 1
			platform-threads | -1    | -1    | Platform threads must not be negative
			""")
	void listenerValueOutOfRangeNamesThePropertyTheValueAndTheLimit(String property, String value, String shown,
			String limit) {
		this.runner.withPropertyValues("sockscope.listeners.echo." + property + "=" + value)
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()))
				.hasMessageContaining(
						"Property sockscope.listeners.echo." + property + " with value '" + shown + "' is invalid")
				.hasMessageContaining(limit));
	}

	@Test
	void twoListenersOnOnePortNameTheSecondAndTheFirst() {
		this.runner.withPropertyValues("sockscope.listeners.a.port=9100", "sockscope.listeners.b.port=9100")
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()))
				.hasMessageContaining("Property sockscope.listeners.b.port with value '9100' is invalid")
				.hasMessageContaining("Listener 'a' already uses port 9100"));
	}

	@Test
	void disabledListenerMayShareAPort() {
		this.runner
			.withPropertyValues("sockscope.listeners.a.port=9100", "sockscope.listeners.b.port=9100",
					"sockscope.listeners.b.enabled=false")
			.run((context) -> assertThat(context.getBean(SockscopeProperties.class).enabledListeners())
				.containsOnlyKeys("a"));
	}

	@Test
	void relayWithoutAnUpstreamHostNamesIt() {
		this.runner.withPropertyValues(DOCUMENTED.get(2).properties())
			.run((context) -> assertThat(invalidValue(context.getStartupFailure()))
				.hasMessage(DOCUMENTED.get(2).message()));
	}

	@Test
	void configurationDocumentShowsTheMessagesAsTheyAre() {
		List<List<String>> blocks = Markdown.blocksAfter(Path.of("docs", "configuration.md"),
				"<!-- checked: SockscopePropertiesTests -->");
		assertThat(blocks).singleElement().isEqualTo(DOCUMENTED.stream().map(DocumentedFailure::message).toList());
		for (DocumentedFailure failure : DOCUMENTED) {
			this.runner.withPropertyValues(failure.properties())
				.run((context) -> assertThat(invalidValue(context.getStartupFailure())).hasMessage(failure.message()));
		}
	}

	/**
	 * The failures docs/configuration.md shows, and the configuration each comes from.
	 */
	private static final List<DocumentedFailure> DOCUMENTED = List.of(
			new DocumentedFailure("Property sockscope.listeners.echo.port with value '70000' is invalid:"
					+ " Port must be between 0 and 65535", "sockscope.listeners.echo.port=70000"),
			new DocumentedFailure(
					"Property sockscope.listeners.b.port with value '9100' is invalid:"
							+ " Listener 'a' already uses port 9100",
					"sockscope.listeners.a.port=9100", "sockscope.listeners.b.port=9100"),
			new DocumentedFailure(
					"Property sockscope.listeners.front.relay.host with value 'null' is invalid:"
							+ " Relay mode needs the upstream's host",
					"sockscope.listeners.front.port=9004", "sockscope.listeners.front.mode=relay"));

	private record DocumentedFailure(String message, String... properties) {

	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static InvalidConfigurationPropertyValueException invalidValue(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid;
			}
			cause = cause.getCause();
		}
		throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SockscopeProperties.class)
	static class PropertiesConfiguration {

	}

}
