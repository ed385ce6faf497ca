package io.sockscope.client;

import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;

/**
 * The client's application context: Spring Integration and nothing else, no listener and
 * no web server.
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
class ClientConfiguration {

}
