package io.sockscope.info;

import io.sockscope.config.SockscopeProperties;
import io.sockscope.listener.ListenerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listeners in {@code /actuator/info}; Spring Boot adds the build
 * ({@code META-INF/build-info.properties}) and the commit ({@code git.properties}) the
 * Maven build writes.
 */
@Configuration(proxyBeanMethods = false)
class InfoConfiguration {

	@Bean
	ListenersInfoContributor listenersInfoContributor(ListenerRegistry listenerRegistry,
			SockscopeProperties sockscopeProperties) {
		return new ListenersInfoContributor(listenerRegistry, sockscopeProperties);
	}

}
