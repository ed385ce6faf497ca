package io.sockscope.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;

/**
 * A sockscope property that is present but has no value, such as {@code framing: null} in
 * YAML, which YAML reads as no value at all. Binding would silently give the property its
 * default; sockscope stops instead.
 */
public class PropertyWithoutValueException extends RuntimeException implements OriginProvider {

	private final String name;

	private final @Nullable Origin origin;

	PropertyWithoutValueException(ConfigurationProperty property) {
		super("Property " + property.getName() + " is present but has no value" + at(property.getOrigin()));
		this.name = property.getName().toString();
		this.origin = property.getOrigin();
	}

	/**
	 * The property's name.
	 * @return the name, such as {@code sockscope.listeners.echo.framing}
	 */
	public String getName() {
		return this.name;
	}

	@Override
	public @Nullable Origin getOrigin() {
		return this.origin;
	}

	private static String at(@Nullable Origin origin) {
		return (origin != null) ? " (" + origin + ")" : "";
	}

}
