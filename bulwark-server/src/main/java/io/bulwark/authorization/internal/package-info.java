/** Authorization internals. */
@NullMarked
package io.bulwark.authorization.internal;

import org.jspecify.annotations.NullMarked;
