/** Bulwark's root package: the application class only; every capability is a module below. */
@NullMarked
package io.bulwark;

import org.jspecify.annotations.NullMarked;
