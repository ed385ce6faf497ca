package io.sockscope.framing;

/**
 * A unit read from a connection: a frame, or a protocol message read across frames (an
 * HTTP request).
 */
public interface Received {

	/**
	 * The bytes it is made of, as the inspection log and the frame size show them.
	 * @return the payload bytes
	 */
	byte[] payload();

}
