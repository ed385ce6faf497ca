package io.sockscope.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How {@code sockscope.*} is bound besides Spring Boot's own rules: a property present
 * without a value stops start-up instead of taking its default.
 */
@Configuration(proxyBeanMethods = false)
public class PropertiesBindingConfiguration {

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor propertyWithoutValueCheck() {
		return PropertyWithoutValueBindHandler::new;
	}

}
