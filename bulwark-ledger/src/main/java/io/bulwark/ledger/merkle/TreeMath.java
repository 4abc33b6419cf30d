package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/** Shapes of RFC 9162 trees: where they split and which perfect subtrees tile a range. */
final class TreeMath {

  private TreeMath() {}

  /** The largest power of two strictly less than {@code n}, the split point {@code k} (n ≥ 2). */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * The maximal aligned perfect subtrees covering {@code [begin, end)}, left to right. For {@code
   * begin = 0} these are the subtrees an RFC 9162 tree of size {@code end} folds from, largest
   * first; for a right-edge range they tile the imperfect subtree {@code D[begin:end]}.
   */
  static List<NodeId> perfectSubtrees(long begin, long end) {
    List<NodeId> ids = new ArrayList<>(2 * Long.SIZE);
    long position = begin;
    while (position < end) {
      int alignment = position == 0 ? NodeId.MAX_LEVEL : Long.numberOfTrailingZeros(position);
      int fits = 63 - Long.numberOfLeadingZeros(end - position);
      int level = Math.min(alignment, fits);
      ids.add(new NodeId(level, position >>> level));
      position += 1L << level;
    }
    return ids;
  }

  static void requireTreeSize(long treeSize) {
    if (treeSize < 0 || treeSize > (1L << NodeId.MAX_LEVEL)) {
      throw new IllegalArgumentException("tree size out of range: " + treeSize);
    }
  }
}
