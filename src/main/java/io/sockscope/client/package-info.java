/**
 * {@code sockscope client}: the seed's client loop on a Spring Integration outbound
 * gateway.
 */
@NullMarked
package io.sockscope.client;

import org.jspecify.annotations.NullMarked;
