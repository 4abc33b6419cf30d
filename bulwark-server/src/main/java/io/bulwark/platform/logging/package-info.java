/** Shared kernel: logging. */
@NullMarked
package io.bulwark.platform.logging;

import org.jspecify.annotations.NullMarked;
