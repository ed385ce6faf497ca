package io.sockscope.listener;

import io.sockscope.config.SockscopeProperties;
import io.sockscope.inspect.InspectionLogging;
import io.sockscope.metrics.TrafficMetrics;
import io.sockscope.mode.FrameHandlers;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * Wires the listeners, their metrics and their health.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SockscopeProperties.class)
class ListenerConfiguration {

	@Bean
	FrameHandlers frameHandlers(BeanFactory beanFactory) {
		return new FrameHandlers(beanFactory);
	}

	@Bean
	EventLoops eventLoops() {
		return new EventLoops();
	}

	@Bean
	InspectionLogging inspectionLogging(SockscopeProperties properties) {
		return new InspectionLogging(properties.inspection().queueSize(),
				properties.inspection().dropSummaryInterval());
	}

	@Bean
	ListenerRegistry listenerRegistry(SockscopeProperties properties, IntegrationFlowContext flowContext,
			TrafficMetrics trafficMetrics, FrameHandlers frameHandlers, EventLoops eventLoops,
			InspectionLogging inspectionLogging) {
		return new ListenerRegistry(properties, flowContext, trafficMetrics, frameHandlers, eventLoops,
				inspectionLogging);
	}

	@Bean
	ListenersHealthIndicator listenersHealthIndicator(ListenerRegistry listenerRegistry) {
		return new ListenersHealthIndicator(listenerRegistry);
	}

}
