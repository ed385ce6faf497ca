package io.sockscope.listener;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.management.metrics.MetricsCaptor;

/**
 * The channel between a listener's inbound gateway and its {@link FrameMessageHandler}: a
 * direct channel, so each frame is handled on its connection's thread, without Spring
 * Integration's metrics captor, for the reason the handler gives.
 */
final class FrameChannel extends DirectChannel {

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		// see the class comment
	}

}
