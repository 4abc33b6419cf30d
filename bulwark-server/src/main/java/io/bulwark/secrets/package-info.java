/**
 * Secrets and encryption at rest. Its API so far is {@link io.bulwark.secrets.TenantEncryption}:
 * envelope encryption with a data keyset per tenant, itself encrypted under a key-encryption key.
 */
@NullMarked
package io.bulwark.secrets;

import org.jspecify.annotations.NullMarked;
