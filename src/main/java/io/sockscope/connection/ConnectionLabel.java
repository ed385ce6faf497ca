package io.sockscope.connection;

/**
 * Names a connection in the inspection log.
 *
 * @param listener the listener's name
 * @param id the connection's number, unique within the listener's lifetime
 * @param peer the client's address and port
 */
public record ConnectionLabel(String listener, long id, String peer) {

}
