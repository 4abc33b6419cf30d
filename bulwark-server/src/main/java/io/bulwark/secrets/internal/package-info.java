/** Secrets internals: Tink keysets and key-encryption-key providers. */
@NullMarked
package io.bulwark.secrets.internal;

import org.jspecify.annotations.NullMarked;
