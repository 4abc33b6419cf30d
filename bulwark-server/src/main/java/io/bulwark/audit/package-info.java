/**
 * Audit: a tamper-evident ledger of audit events, one append-only RFC 9162 Merkle log per tenant,
 * with signed C2SP checkpoints, inclusion and consistency proofs, and server-side re-verification.
 * Other modules record events through {@link io.bulwark.audit.AuditLedger}; the module also records
 * the platform's own events (tenants created or suspended, signing keys rotated) in the publisher's
 * transaction, so an operation commits if and only if its audit record does. Sensitive values are
 * stored as HMAC-SHA256 under a key of the tenant's own ({@link io.bulwark.audit.AuditHashes}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2">RFC 9162 §2</a>
 */
@NullMarked
package io.bulwark.audit;

import org.jspecify.annotations.NullMarked;
