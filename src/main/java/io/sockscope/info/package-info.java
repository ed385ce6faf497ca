/**
 * What {@code /actuator/info} tells about sockscope besides the build and the commit: the
 * running listeners.
 */
@NullMarked
package io.sockscope.info;

import org.jspecify.annotations.NullMarked;
