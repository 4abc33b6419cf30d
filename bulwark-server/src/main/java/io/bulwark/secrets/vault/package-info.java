/**
 * The secrets vault: versioned secrets per tenant with Vault / OpenBao KV v2 semantics (versions,
 * check-and-set, soft delete, undelete, destroy, metadata), each version encrypted with {@link
 * io.bulwark.secrets.TenantEncryption} and every access recorded in the audit ledger in the same
 * transaction.
 *
 * <p>A nested module of {@code secrets}: the audit ledger encrypts its own keys with {@code
 * TenantEncryption}, so the vault, which audits through the ledger, cannot live in the {@code
 * secrets} root without a module cycle.
 */
@ApplicationModule(displayName = "Secrets vault")
@NullMarked
package io.bulwark.secrets.vault;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
