/**
 * {@code sockscope bench}: a load generator that verifies every reply.
 */
@NullMarked
package io.sockscope.bench;

import org.jspecify.annotations.NullMarked;
