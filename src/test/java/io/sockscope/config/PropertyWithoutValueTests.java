package io.sockscope.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code sockscope.*} property given without a value, as YAML reads {@code null},
 * {@code ~} or nothing and as an empty environment variable arrives, fails the binding
 * instead of taking its default.
 */
class PropertyWithoutValueTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("sockscope.listeners.echo.port=9000");

	@ParameterizedTest
	@ValueSource(strings = { "listeners.echo.framing", "listeners.echo.mode", "listeners.echo.host",
			"listeners.echo.port", "listeners.echo.enabled", "listeners.echo.max-frame-size",
			"listeners.echo.idle-timeout", "listeners.echo.max-connections", "listeners.echo.platform-threads",
			"listeners.echo.log.payload", "listeners.echo.log.max-bytes", "listeners.echo.relay.host",
			"listeners.echo.relay.port", "listeners.echo.relay.framing", "listeners.echo.relay.timeout",
			"listeners.echo.relay.pool-size", "shutdown.grace-period" })
	void propertyWithoutValueFailsNamingIt(String property) {
		this.runner.withPropertyValues("sockscope." + property + "=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(PropertyWithoutValueException.class)
				.hasMessage("Property sockscope." + property + " is present but has no value (\"sockscope." + property
						+ "\" from property source \"test\")");
		});
	}

	@Test
	void blankValueIsNoValueEither() {
		this.runner.withPropertyValues("sockscope.listeners.echo.framing=  ")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(PropertyWithoutValueException.class)
				.hasMessageStartingWith("Property sockscope.listeners.echo.framing is present but has no value"));
	}

	@Test
	void valueFromAHigherSourceWinsOverAnEmptyOneBelow() {
		this.runner.withSystemProperties("sockscope.listeners.echo.framing=")
			.withPropertyValues("sockscope.listeners.echo.framing=lf")
			.run((context) -> assertThat(context.getBean(SockscopeProperties.class).listeners().get("echo").framing())
				.hasToString("LF"));
	}

	@Test
	void absentPropertiesStillTakeTheirDefaults() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.getBean(SockscopeProperties.class)
			.satisfies((properties) -> assertThat(properties.listeners().get("echo").framing()).hasToString("LINE")));
	}

	@Test
	void propertiesOutsideSockscopeAreNotChecked() {
		this.runner.withPropertyValues("server.address=", "logging.level.sockscope.frames=")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SockscopeProperties.class)
	@Import(PropertiesBindingConfiguration.class)
	static class PropertiesConfiguration {

	}

}
