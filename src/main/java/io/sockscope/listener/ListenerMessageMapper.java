package io.sockscope.listener;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Turns what a listener connection reads into a message with the two headers the inbound
 * gateway needs: the connection id, to route the reply back, and the connection's reply
 * channel ({@link FrameReply}); the same headers for every frame of a connection. The
 * default mapper adds the peer's and the local address to every message, and asks the
 * socket for the local one each time: a system call per frame that nothing here reads.
 * The message has no id or timestamp either ({@link FrameHeaders}).
 */
final class ListenerMessageMapper extends TcpMessageMapper {

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		if (payload == null) {
			return null;
		}
		FrameHeaders frameHeaders = (connection instanceof ChannelConnection listenerConnection)
				? listenerConnection.frameHeaders() : FrameHeaders.of(connection.getConnectionId());
		return new GenericMessage<>(payload, frameHeaders);
	}

}
