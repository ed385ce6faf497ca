/**
 * How bytes on a connection become frames and frames become bytes again.
 */
@NullMarked
package io.sockscope.framing;

import org.jspecify.annotations.NullMarked;
