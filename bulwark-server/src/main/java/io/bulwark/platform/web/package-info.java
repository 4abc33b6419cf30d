/** Shared kernel: web. */
@NullMarked
package io.bulwark.platform.web;

import org.jspecify.annotations.NullMarked;
