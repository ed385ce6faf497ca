package io.sockscope;

import java.beans.Introspector;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.integration.config.MessagingAnnotationBeanPostProcessor;
import org.springframework.integration.context.IntegrationContextUtils;

/**
 * Turns off Spring Integration's support for messaging annotations
 * ({@code @ServiceActivator}, {@code @Transformer} and the like) by removing the two
 * processors that provide it. sockscope builds its flows in code and uses none of these
 * annotations, while the processors read the annotations of every method of every bean at
 * start-up: about a tenth of the main thread's work before the first echo, measured at
 * about 100 ms less to the first echo.
 */
final class MessagingAnnotationsOff implements BeanDefinitionRegistryPostProcessor, Ordered {

	private static final String[] PROCESSORS = { IntegrationContextUtils.MESSAGING_ANNOTATION_POSTPROCESSOR_NAME,
			Introspector.decapitalize(MessagingAnnotationBeanPostProcessor.class.getName()) };

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		for (String name : PROCESSORS) {
			if (registry.containsBeanDefinition(name)) {
				registry.removeBeanDefinition(name);
			}
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		// the bean post-processor's definition can be registered after the registry phase
		if (beanFactory instanceof BeanDefinitionRegistry registry) {
			postProcessBeanDefinitionRegistry(registry);
		}
	}

	@Override
	public int getOrder() {
		// before Spring Integration's own registry post-processors, one of which is
		// removed here
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
