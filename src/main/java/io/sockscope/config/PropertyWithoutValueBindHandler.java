package io.sockscope.config;

import java.time.temporal.TemporalAmount;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Fails the binding of a {@code sockscope.*} property that is present without a value (or
 * with only blanks): YAML reads {@code framing: null}, {@code framing: ~} and
 * {@code framing:} as no value, and so is an empty environment variable. Left alone, such
 * a property binds to nothing and quietly takes its default (a listener meant to be
 * {@code null}-framed speaks {@code line}), or fails with a conversion error that does
 * not say why.
 * <p>
 * Only single values are checked (names, numbers, sizes, durations, framings, modes): a
 * group such as {@code log:} left empty is only a heading.
 */
final class PropertyWithoutValueBindHandler extends AbstractBindHandler {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("sockscope");

	PropertyWithoutValueBindHandler(BindHandler parent) {
		super(parent);
	}

	@Override
	public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
		if (PREFIX.isAncestorOf(name) && isSingleValue(target)) {
			ConfigurationProperty property = find(name, context);
			if (property != null && property.getValue() instanceof CharSequence value && value.toString().isBlank()) {
				throw new PropertyWithoutValueException(property);
			}
		}
		return super.onStart(name, target, context);
	}

	private static boolean isSingleValue(Bindable<?> target) {
		Class<?> type = target.getType().resolve(Object.class);
		return BeanUtils.isSimpleValueType(type) || TemporalAmount.class.isAssignableFrom(type)
				|| DataSize.class.equals(type);
	}

	/**
	 * The property binding looked at: the first source that has it wins, as in the
	 * binder.
	 */
	private static @Nullable ConfigurationProperty find(ConfigurationPropertyName name, BindContext context) {
		for (ConfigurationPropertySource source : context.getSources()) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

}
