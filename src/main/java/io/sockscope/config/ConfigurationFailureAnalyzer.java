package io.sockscope.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;

/**
 * The start-up failure for a {@code sockscope.*} property that is present without a value
 * (see {@link PropertyWithoutValueBindHandler}), or whose value names no framing, mode or
 * payload format, listing the values in the spellings the documentation uses
 * ({@code length-header-2}, not the Java constant {@code LENGTH_HEADER_2}). Other binding
 * failures are left to Spring Boot's own analysis.
 */
class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith("sockscope.")) {
			return null;
		}
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		String quoteNull = hasNullConstant(type) ? " The framing named null is written \"null\", quoted, in YAML." : "";
		PropertyWithoutValueException withoutValue = findCause(cause, PropertyWithoutValueException.class);
		if (withoutValue != null) {
			return new FailureAnalysis(withoutValue.getMessage()
					+ ". YAML reads null, ~ and nothing at all as no value, and sockscope stops rather than give"
					+ " the property its default.",
					"Give " + withoutValue.getName() + " a value, or remove it to use its default." + quoteNull, cause);
		}
		ConfigurationProperty property = cause.getProperty();
		if (type.isEnum()) {
			Object value = (property != null) ? property.getValue() : null;
			Origin origin = (property != null) ? property.getOrigin() : cause.getOrigin();
			String spellings = Arrays.stream(type.getEnumConstants())
				.map((constant) -> spelling((Enum<?>) constant))
				.collect(Collectors.joining(", "));
			return new FailureAnalysis(
					"Property " + cause.getName() + " has the value '" + value + "'" + at(origin)
							+ ", which is not one of: " + spellings + ".",
					"Set " + cause.getName() + " to one of: " + spellings + "." + quoteNull, cause);
		}
		return null;
	}

	private static boolean hasNullConstant(Class<?> type) {
		return type.isEnum() && Arrays.stream(type.getEnumConstants())
			.anyMatch((constant) -> "NULL".equals(((Enum<?>) constant).name()));
	}

	/**
	 * How the documentation and the logs spell a constant: lowercase, words joined by a
	 * hyphen, as {@code Framing.displayName()} does.
	 */
	private static String spelling(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static String at(@Nullable Origin origin) {
		return (origin != null) ? " (" + origin + ")" : "";
	}

	@Override
	public int getOrder() {
		// before Spring Boot's BindFailureAnalyzer, which lists Java constant names
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
