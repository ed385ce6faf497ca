/**
 * The configuration surface of sockscope: one immutable record tree under
 * {@code sockscope.*}.
 */
@NullMarked
package io.sockscope.config;

import org.jspecify.annotations.NullMarked;
