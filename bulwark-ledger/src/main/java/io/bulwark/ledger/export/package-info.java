/**
 * The ledger export: a JSONL file carrying a range of a tenant's log, its signed checkpoint and the
 * hashes that bind the range to that checkpoint, checkable offline with only the log's public key.
 * The format is documented in {@code docs/ledger.md}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
@NullMarked
package io.bulwark.ledger.export;

import org.jspecify.annotations.NullMarked;
