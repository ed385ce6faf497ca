package io.sockscope.mode;

import io.sockscope.framing.Received;

/**
 * One HTTP/1.x request, kept as the exact bytes that arrived.
 *
 * @param payload the request as received: request line, headers and body, untouched
 * @param version the protocol version from the request line, such as {@code HTTP/1.1}
 * @param keepAlive whether the connection stays open after the response
 */
public record HttpRequest(byte[] payload, String version, boolean keepAlive) implements Received {

}
