/**
 * What a listener does with each frame it reads: echo it, answer it as HTTP, relay it or
 * just take it.
 */
@NullMarked
package io.sockscope.mode;

import org.jspecify.annotations.NullMarked;
