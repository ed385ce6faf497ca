package io.sockscope;

import io.sockscope.support.SockscopeTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.integration.config.MessagingAnnotationBeanPostProcessor;
import org.springframework.integration.config.MessagingAnnotationPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

@SockscopeTest
class MessagingAnnotationsOffTests {

	@Autowired
	ConfigurableListableBeanFactory beanFactory;

	@Test
	void springIntegrationsMessagingAnnotationProcessorsAreNotRegistered() {
		assertThat(this.beanFactory.getBeanNamesForType(MessagingAnnotationPostProcessor.class)).isEmpty();
		assertThat(this.beanFactory.getBeanNamesForType(MessagingAnnotationBeanPostProcessor.class)).isEmpty();
	}

}
