/** Tenancy internals: web. */
@NullMarked
package io.bulwark.tenancy.web;

import org.jspecify.annotations.NullMarked;
