package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The recursive definitions of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written out literally over
 * leaf hashes: slow but obviously right, the oracle for the store-backed implementation.
 */
final class ReferenceMerkleTree {

  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();
  private final List<Sha256Hash> leaves;

  ReferenceMerkleTree(List<Sha256Hash> leaves) {
    this.leaves = leaves;
  }

  Sha256Hash mth(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return hasher.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return hasher.nodeHash(mth(from, from + k), mth(from + k, to));
  }

  List<Sha256Hash> path(int m, int from, int to) {
    int n = to - from;
    List<Sha256Hash> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      result.addAll(path(m, from, from + k));
      result.add(mth(from + k, to));
    } else {
      result.addAll(path(m - k, from + k, to));
      result.add(mth(from, from + k));
    }
    return result;
  }

  List<Sha256Hash> consistency(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<Sha256Hash> subproof(int m, int from, int to, boolean b) {
    int n = to - from;
    List<Sha256Hash> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(from, to));
      }
      return result;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      result.addAll(subproof(m, from, from + k, b));
      result.add(mth(from + k, to));
    } else {
      result.addAll(subproof(m - k, from + k, to, false));
      result.add(mth(from, from + k));
    }
    return result;
  }
}
