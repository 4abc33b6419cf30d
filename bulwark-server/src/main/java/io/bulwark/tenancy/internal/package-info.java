/** Tenancy internals: internal. */
@NullMarked
package io.bulwark.tenancy.internal;

import org.jspecify.annotations.NullMarked;
