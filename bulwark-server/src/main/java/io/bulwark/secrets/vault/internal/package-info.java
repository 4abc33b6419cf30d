/** Secrets vault internals: the JDBC store and its audit records. */
@NullMarked
package io.bulwark.secrets.vault.internal;

import org.jspecify.annotations.NullMarked;
