package io.sockscope.mode;

import java.io.IOException;

/**
 * Implemented by a connection's input stream when the connection can write a response
 * while a request is still being read, such as {@code 100 Continue}.
 */
public interface InterimResponses {

	/**
	 * Write bytes to the peer now.
	 * @param bytes the interim response
	 * @throws IOException if the write fails
	 */
	void sendInterim(byte[] bytes) throws IOException;

}
