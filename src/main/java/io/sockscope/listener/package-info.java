/**
 * Listeners: bound TCP ports served by Spring Integration inbound gateways on the Net
 * connection factory, one thread per connection.
 */
@NullMarked
package io.sockscope.listener;

import org.jspecify.annotations.NullMarked;
