package io.sockscope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Starts sockscope, or one of its tools when the first argument names one.
 */
@SpringBootApplication
public class SockscopeApplication {

	@Bean
	static MessagingAnnotationsOff messagingAnnotationsOff() {
		return new MessagingAnnotationsOff();
	}

	public static void main(String[] args) {
		if (SockscopeCommands.isTool(args)) {
			System.exit(SockscopeCommands.run(args));
		}
		SpringApplication.run(SockscopeApplication.class, args);
	}

}
