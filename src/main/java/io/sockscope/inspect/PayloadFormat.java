package io.sockscope.inspect;

/**
 * How the inspection log shows a frame's payload.
 */
public enum PayloadFormat {

	/**
	 * UTF-8 text with control characters and undecodable bytes escaped ({@code \r},
	 * {@code \n}, {@code \t}, {@code \xNN}).
	 */
	TEXT,

	/**
	 * Lowercase hexadecimal, two digits per byte.
	 */
	HEX,

	/**
	 * Only the byte count, no payload.
	 */
	NONE

}
