/**
 * RFC 9162 §2 Merkle tree math over SHA-256: leaf and node hashing, tree heads, inclusion and
 * consistency proofs, and an incremental appender.
 *
 * <p>Stored nodes are always complete perfect subtrees addressed by {@link
 * io.bulwark.ledger.merkle.NodeId} ({@code level}, {@code index}) — the tile-style addressing of
 * Trillian Tessera — so any proof or tree head of any size needs {@code O(log n)} node reads, which
 * {@link io.bulwark.ledger.merkle.Rfc9162ProofGenerator} issues as one batch through the {@link
 * io.bulwark.ledger.merkle.NodeStore} SPI.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 */
@NullMarked
package io.bulwark.ledger.merkle;

import org.jspecify.annotations.NullMarked;
