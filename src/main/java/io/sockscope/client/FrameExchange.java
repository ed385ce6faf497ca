package io.sockscope.client;

import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Framing;

import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistrationBuilder;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpOutboundGatewaySpec;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.CachingClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * Sends frames to a TCP service through a Spring Integration outbound gateway and returns
 * its replies. Over a pool of connections, so concurrent callers do not wait for each
 * other; on {@code raw} framing each exchange has its own connection, half-closed after
 * the request, and the reply is everything up to the service's close.
 */
public final class FrameExchange implements AutoCloseable {

	private final Upstream upstream;

	private final IntegrationFlowRegistration registration;

	private final AbstractClientConnectionFactory connections;

	private FrameExchange(Upstream upstream, IntegrationFlowRegistration registration,
			AbstractClientConnectionFactory connections) {
		this.upstream = upstream;
		this.registration = registration;
		this.connections = connections;
	}

	/**
	 * Register the outbound flow of an upstream.
	 * @param flows where to register it
	 * @param id a unique id for the flow and its beans
	 * @param upstream the service
	 * @param poolSize most connections open at once (ignored for {@code raw})
	 * @return the exchange
	 */
	public static FrameExchange register(IntegrationFlowContext flows, String id, Upstream upstream, int poolSize) {
		FrameCodec codec = upstream.framing().newCodec(upstream.maxFrameSize());
		TcpNetClientConnectionFactory connections = new TcpNetClientConnectionFactory(upstream.host(), upstream.port());
		connections.setSerializer(codec);
		connections.setDeserializer(codec);
		connections.setSoTcpNoDelay(true);
		// no socket read timeout: the gateway's remote timeout bounds each reply, and a
		// read timeout racing it made a silent service's error come 2 s late
		connections.setConnectTimeout((int) Math.max(1, (upstream.timeout().toMillis() + 999) / 1000));
		connections.setLookupHost(false);
		connections.setTcpNetConnectionSupport(UpstreamConnection.support(UpstreamStrays.NONE));
		boolean endOfStream = upstream.framing() == Framing.RAW;
		IntegrationFlowRegistrationBuilder builder;
		AbstractClientConnectionFactory gatewayConnections;
		if (endOfStream) {
			gatewayConnections = connections;
			connections.setSingleUse(true);
			builder = flows.registration(gatewayFlow(connections, upstream, true))
				.id(id)
				.addBean(id + ".connections", connections);
		}
		else {
			CachingClientConnectionFactory pool = new CachingClientConnectionFactory(connections, poolSize);
			gatewayConnections = pool;
			pool.setConnectionWaitTimeout((int) upstream.timeout().toMillis());
			builder = flows.registration(gatewayFlow(pool, upstream, false))
				.id(id)
				.addBean(id + ".connections", connections)
				.addBean(id + ".pool", pool);
		}
		return new FrameExchange(upstream, builder.register(), gatewayConnections);
	}

	private static IntegrationFlow gatewayFlow(AbstractClientConnectionFactory connections, Upstream upstream,
			boolean halfClose) {
		TcpOutboundGatewaySpec gateway = Tcp.outboundGateway(connections)
			.remoteTimeout(upstream.timeout().toMillis())
			.closeStreamAfterSend(halfClose);
		// a reply that fails to decode or a reset fails the exchange at once: with Net
		// connections no reply can follow the error, so there is nothing to wait for
		gateway.getObject().setSecondChanceDelay(0);
		return (flow) -> flow.handle(gateway);
	}

	/**
	 * Connect once, to fail early if the service cannot be reached; the connection stays
	 * in the pool for the first exchange. Does nothing on {@code raw} framing, whose
	 * connections carry one exchange each.
	 * @throws ExchangeException if the service cannot be reached
	 */
	public void connect() {
		if (this.upstream.framing() == Framing.RAW) {
			return;
		}
		try {
			this.connections.getConnection().close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ExchangeException("Interrupted connecting to " + this.upstream.address(), ex);
		}
		catch (RuntimeException ex) {
			throw ExchangeFailures.describe(this.upstream, ex);
		}
	}

	/**
	 * Send one frame and wait for the reply.
	 * @param request the frame
	 * @return the reply
	 * @throws ExchangeException if the service cannot be reached, does not answer in
	 * time, or closes without answering
	 */
	public Frame exchange(Frame request) {
		Message<?> reply;
		try {
			reply = this.registration.getMessagingTemplate()
				.sendAndReceive(MessageBuilder.withPayload(request).build());
		}
		catch (RuntimeException ex) {
			throw ExchangeFailures.describe(this.upstream, ex);
		}
		if (reply == null) {
			throw new ExchangeException(
					"No reply from " + this.upstream.address() + " within " + this.upstream.timeout().toMillis() + "ms",
					new MessageTimeoutException("no reply"));
		}
		return (Frame) reply.getPayload();
	}

	/**
	 * The service this exchange talks to.
	 * @return the upstream
	 */
	public Upstream upstream() {
		return this.upstream;
	}

	@Override
	public void close() {
		this.registration.destroy();
	}

}
