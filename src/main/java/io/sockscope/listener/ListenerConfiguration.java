package io.sockscope.listener;

import io.sockscope.config.SockscopeProperties;
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
	ListenerRegistry listenerRegistry(SockscopeProperties properties, IntegrationFlowContext flowContext,
			TrafficMetrics trafficMetrics, FrameHandlers frameHandlers) {
		return new ListenerRegistry(properties, flowContext, trafficMetrics, frameHandlers);
	}

	@Bean
	ListenersHealthIndicator listenersHealthIndicator(ListenerRegistry listenerRegistry) {
		return new ListenersHealthIndicator(listenerRegistry);
	}

}
