/**
 * sockscope: a TCP echo, inspection and relay service.
 */
@NullMarked
package io.sockscope;

import org.jspecify.annotations.NullMarked;
