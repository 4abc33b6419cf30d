/** Identity internals: internal. */
@NullMarked
package io.bulwark.identity.internal;

import org.jspecify.annotations.NullMarked;
