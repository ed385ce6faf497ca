/**
 * The inspection log: one escaped line per frame and per connection event.
 */
@NullMarked
package io.sockscope.inspect;

import org.jspecify.annotations.NullMarked;
