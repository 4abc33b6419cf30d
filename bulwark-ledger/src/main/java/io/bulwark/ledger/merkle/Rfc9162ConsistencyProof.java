package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Proof that the tree of {@code firstSize} leaves is a prefix of the tree of {@code secondSize}
 * leaves: the log only appended.
 *
 * @param firstSize size of the older tree, {@code 0 ≤ firstSize ≤ secondSize}
 * @param secondSize size of the newer tree
 * @param path the subtree hashes of {@code PROOF(firstSize, D[secondSize])}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4">RFC 9162 §2.1.4</a>
 */
public record Rfc9162ConsistencyProof(long firstSize, long secondSize, List<Sha256Hash> path) {

  /** Checks the sizes are ordered. */
  public Rfc9162ConsistencyProof {
    TreeMath.requireTreeSize(secondSize);
    if (firstSize < 0 || firstSize > secondSize) {
      throw new IllegalArgumentException(
          "first size " + firstSize + " must be in [0, " + secondSize + "]");
    }
    path = List.copyOf(path);
  }

  /**
   * Whether the trees with heads {@code firstRoot} (size {@code firstSize}) and {@code secondRoot}
   * (size {@code secondSize}) are consistent. Equal sizes need an empty path and equal roots; an
   * empty first tree is consistent with anything and needs an empty path.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2">RFC 9162 §2.1.4.2</a>
   */
  public boolean verify(Sha256Hash firstRoot, Sha256Hash secondRoot) {
    if (firstSize == 0) {
      return path.isEmpty();
    }
    if (firstSize == secondSize) {
      return path.isEmpty() && firstRoot.equals(secondRoot);
    }
    if (path.isEmpty()) {
      return false;
    }
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    List<Sha256Hash> proof = new ArrayList<>(path.size() + 1);
    if (Long.bitCount(firstSize) == 1) {
      proof.add(firstRoot);
    }
    proof.addAll(path);
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Sha256Hash fr = proof.get(0);
    Sha256Hash sr = proof.get(0);
    for (Sha256Hash c : proof.subList(1, proof.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = hasher.nodeHash(c, fr);
        sr = hasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = hasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
  }
}
