package io.sockscope.client;

import java.time.Duration;

import io.sockscope.framing.Framing;

/**
 * A TCP service to exchange frames with.
 *
 * @param host host name or address
 * @param port port
 * @param framing the service's framing
 * @param maxFrameSize largest reply payload accepted, in bytes
 * @param timeout how long an exchange may take: the client waits this long to connect,
 * and then for each reply; a relay's frame gets this long for everything, connecting
 * included
 */
public record Upstream(String host, int port, Framing framing, int maxFrameSize, Duration timeout) {

	/**
	 * The service's address as {@code host:port}.
	 * @return the address
	 */
	public String address() {
		return (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
