package io.sockscope.listener;

/**
 * A listener could not bind its address.
 */
public class ListenerBindException extends RuntimeException {

	private final String listener;

	private final String address;

	ListenerBindException(String listener, String address, Throwable cause) {
		super("Listener '" + listener + "' cannot listen on " + address + ": " + reason(cause), cause);
		this.listener = listener;
		this.address = address;
	}

	/**
	 * The system's reason, without the name of the call the native transport prefixes it
	 * with ({@code bind(..) failed with error(-98): Address already in use}).
	 */
	private static String reason(Throwable cause) {
		return String.valueOf(cause.getMessage()).replaceFirst("^bind\\(\\.\\.\\) failed[^:]*: ", "");
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
