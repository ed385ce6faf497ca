package io.sockscope.listener;

import java.io.IOException;

/**
 * A listener could not bind its address.
 */
public class ListenerBindException extends RuntimeException {

	private final String listener;

	private final String address;

	ListenerBindException(String listener, String address, IOException cause) {
		super("Listener '" + listener + "' cannot listen on " + address + ": " + cause.getMessage(), cause);
		this.listener = listener;
		this.address = address;
	}

	/**
	 * The listener's name.
	 * @return the name
	 */
	public String getListener() {
		return this.listener;
	}

	/**
	 * The address it tried to bind, as {@code host:port}.
	 * @return the address
	 */
	public String getAddress() {
		return this.address;
	}

}
