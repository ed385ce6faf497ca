package io.sockscope.framing;

import java.io.IOException;

/**
 * An input stream that lets a deserializer look at the bytes it has already read from the
 * socket, so that a frame wholly inside them is found with one scan and taken with one
 * copy instead of being read a byte at a time.
 */
public interface BufferedInput {

	/**
	 * Where a byte first occurs among the bytes buffered and not yet read.
	 * @param value the byte to look for
	 * @param maxLength how many buffered bytes to look at, at most
	 * @return its index from the next byte to read, or {@code -1} if it is not there
	 */
	int indexOfBuffered(byte value, int maxLength);

	/**
	 * A buffered byte, without reading it.
	 * @param index from the next byte to read; less than the buffered count
	 * @return the byte
	 */
	byte peekBuffered(int index);

	/**
	 * Read buffered bytes.
	 * @param length how many; no more than are buffered
	 * @return a new array of exactly that many bytes
	 */
	byte[] takeBuffered(int length);

	/**
	 * Skip buffered bytes.
	 * @param length how many; no more than are buffered
	 */
	void skipBuffered(int length);

	/**
	 * Called by a reader that found no whole frame among the buffered bytes. A blocking
	 * stream returns, and the reader reads on, a byte at a time. An input that holds
	 * every byte received so far (the event-loop engine's) throws while fewer than
	 * {@code limit} bytes are buffered and the stream goes on: the frame is not there
	 * yet, and the reader is called again once more bytes have arrived.
	 * @param limit the most bytes a frame and its terminator can take
	 * @throws IOException to have the frame read again later
	 */
	default void noFrameBuffered(int limit) throws IOException {
	}

}
