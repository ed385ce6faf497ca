package io.sockscope.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * sockscope's meters, and the ones it keeps out.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/**
	 * Spring Integration times every message on every internal channel and handler, under
	 * generated names such as {@code sockscope.listener.echo.channel#0}: a cost on every
	 * frame and noise in the scrape, saying nothing the {@code sockscope.*} meters do
	 * not.
	 */
	@Bean
	MeterFilter denySpringIntegrationMeters() {
		return MeterFilter.denyNameStartsWith("spring.integration.");
	}

	@Bean
	TrafficMetrics trafficMetrics(MeterRegistry meterRegistry) {
		return new TrafficMetrics(meterRegistry);
	}

}
