package io.bulwark.ledger.merkle;

import java.util.Objects;

/**
 * A stored node: the hash of the complete subtree at {@code id}.
 *
 * @param id the subtree's address
 * @param hash its RFC 9162 Merkle tree hash
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public record MerkleNode(NodeId id, Sha256Hash hash) {

  /** Requires both parts. */
  public MerkleNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
  }
}
