package io.sockscope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts sockscope.
 */
@SpringBootApplication
public class SockscopeApplication {

	public static void main(String[] args) {
		SpringApplication.run(SockscopeApplication.class, args);
	}

}
