/** Shared kernel: database. */
@NullMarked
package io.bulwark.platform.database;

import org.jspecify.annotations.NullMarked;
