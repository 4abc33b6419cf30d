/** Shared kernel: problem. */
@NullMarked
package io.bulwark.platform.problem;

import org.jspecify.annotations.NullMarked;
