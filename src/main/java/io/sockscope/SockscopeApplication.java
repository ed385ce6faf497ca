package io.sockscope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Starts sockscope, or, when the first argument is not a {@code --name=value} option,
 * runs its command line instead: a tool, {@code help} or {@code --version} (see
 * {@link SockscopeCommands}).
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
