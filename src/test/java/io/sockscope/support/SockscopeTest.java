package io.sockscope.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole application, started once for every test class that uses this annotation: the
 * default {@code echo} listener on a free port and the actuator on a random port. Tests
 * share the context, so they measure counts as differences, never as totals. Every
 * inspection line is logged, whatever the tests before sent in the same second.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockscope.listeners.echo.port=0", "sockscope.listeners.echo.log.lines-per-second=0" })
public @interface SockscopeTest {

}
