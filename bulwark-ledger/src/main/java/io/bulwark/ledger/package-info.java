/**
 * Bulwark's tamper-evident ledger: a per-tenant append-only log whose entries are RFC 8785
 * canonical JSON, hashed into an RFC 9162 Merkle tree, whose tree heads are published as C2SP
 * {@code tlog-checkpoint}s signed as C2SP {@code signed-note}s with Ed25519.
 *
 * <ul>
 *   <li>{@link io.bulwark.ledger.merkle} — tree hashing, node store SPI, appender, proofs,
 *       verifiers;
 *   <li>{@link io.bulwark.ledger.jcs} — RFC 8785 JSON canonicalization over Jackson 3;
 *   <li>{@link io.bulwark.ledger.note} — checkpoints, signed notes, Ed25519 keys;
 *   <li>{@link io.bulwark.ledger.export} — JSONL export writer and offline verifier;
 *   <li>{@link io.bulwark.ledger.cli} — the {@code verify} command line.
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2">RFC 9162 §2</a>
 */
@NullMarked
package io.bulwark.ledger;

import org.jspecify.annotations.NullMarked;
