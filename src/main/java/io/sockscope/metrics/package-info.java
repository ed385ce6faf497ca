/**
 * Meters for connections, bytes, frames and errors, fed through one recorder per
 * listener.
 */
@NullMarked
package io.sockscope.metrics;

import org.jspecify.annotations.NullMarked;
