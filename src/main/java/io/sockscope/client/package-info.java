/**
 * {@code sockscope client}: an interactive or one-shot client on a Spring Integration
 * outbound gateway.
 */
@NullMarked
package io.sockscope.client;

import org.jspecify.annotations.NullMarked;
