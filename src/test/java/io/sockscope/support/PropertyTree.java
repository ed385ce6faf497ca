package io.sockscope.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sockscope.config.SockscopeProperties;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every leaf property of the {@link SockscopeProperties} record tree, read from the
 * records themselves: a map of records is one {@code <name>} segment, a record a group,
 * anything else a property, with the value of its {@code @DefaultValue} as its default
 * ({@code ""} when it has none). Spring Boot's configuration metadata lists the
 * properties under a map only as the map, so this is where the listeners' properties are
 * found.
 */
public final class PropertyTree {

	private PropertyTree() {
	}

	/**
	 * The properties under {@code sockscope}.
	 * @return defaults by property name, such as
	 * {@code sockscope.listeners.<name>.framing -> line}, in declaration order
	 */
	public static Map<String, String> sockscope() {
		Map<String, String> properties = new LinkedHashMap<>();
		collect(SockscopeProperties.class, "sockscope", properties);
		return properties;
	}

	private static void collect(Class<?> record, String prefix, Map<String, String> properties) {
		RecordComponent[] components = record.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(record).getParameters();
		for (int i = 0; i < components.length; i++) {
			String name = prefix + "." + kebab(components[i].getName());
			Type type = components[i].getGenericType();
			if (type instanceof ParameterizedType map && Map.class.equals(map.getRawType())
					&& map.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()) {
				collect(value, name + ".<name>", properties);
			}
			else if (components[i].getType().isRecord()) {
				collect(components[i].getType(), name, properties);
			}
			else {
				DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
				properties.put(name, (defaultValue != null) ? String.join(",", defaultValue.value()) : "");
			}
		}
	}

	private static Constructor<?> canonicalConstructor(Class<?> record) {
		Class<?>[] types = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			return record.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
