/**
 * What every part of sockscope says about a client connection: who it is, what it saw (an
 * observer receives each event), why it closed and what went wrong.
 */
@NullMarked
package io.sockscope.connection;

import org.jspecify.annotations.NullMarked;
