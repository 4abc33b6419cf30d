package io.bulwark.ledger.merkle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An audit path: the hashes proving that leaf {@code leafIndex} is in the tree of {@code treeSize}
 * leaves, ordered from the leaf's sibling up to the root's child.
 *
 * @param leafIndex the leaf, {@code 0 ≤ leafIndex < treeSize}
 * @param treeSize size of the tree the proof is for
 * @param path sibling subtree hashes, bottom-up
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3">RFC 9162 §2.1.3</a>
 */
public record Rfc9162InclusionProof(long leafIndex, long treeSize, List<Sha256Hash> path) {

  /** Checks the index is inside the tree. */
  public Rfc9162InclusionProof {
    TreeMath.requireTreeSize(treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
    }
    path = List.copyOf(path);
  }

  /**
   * The root this proof leads to from {@code leafHash}, or empty if the path has the wrong shape
   * for ({@code leafIndex}, {@code treeSize}).
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2">RFC 9162 §2.1.3.2</a>
   */
  public Optional<Sha256Hash> rootFrom(Sha256Hash leafHash, Rfc9162Hasher hasher) {
    long fn = leafIndex;
    long sn = treeSize - 1;
    Sha256Hash r = leafHash;
    for (Sha256Hash p : path) {
      if (sn == 0) {
        return Optional.empty();
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = hasher.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = hasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 ? Optional.of(r) : Optional.empty();
  }

  /**
   * Whether {@code leafHash} is leaf {@code leafIndex} of the tree whose head is {@code rootHash}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2">RFC 9162 §2.1.3.2</a>
   */
  public boolean verify(Sha256Hash leafHash, Sha256Hash rootHash) {
    Objects.requireNonNull(rootHash, "rootHash");
    return rootFrom(leafHash, Rfc9162Hasher.create()).map(rootHash::equals).orElse(false);
  }
}
