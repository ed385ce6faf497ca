package io.sockscope.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sockscope.config.SockscopeProperties;
import io.sockscope.listener.ListenerRegistry;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Lists each running listener under {@code listeners} in {@code /actuator/info}: its
 * host, the port it is bound to (the real one when configured as 0), framing and mode.
 */
final class ListenersInfoContributor implements InfoContributor {

	private final ListenerRegistry registry;

	private final SockscopeProperties properties;

	ListenersInfoContributor(ListenerRegistry registry, SockscopeProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> listeners = new LinkedHashMap<>();
		for (String name : this.registry.names()) {
			SockscopeProperties.Listener listener = this.properties.listeners().get(name);
			if (listener == null) {
				continue;
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("host", listener.host());
			try {
				details.put("port", this.registry.port(name));
			}
			catch (IllegalArgumentException ex) {
				// stopped since names() was read
				continue;
			}
			details.put("framing", listener.framing().displayName());
			details.put("mode", listener.mode().displayName());
			listeners.put(name, details);
		}
		builder.withDetail("listeners", listeners);
	}

}
