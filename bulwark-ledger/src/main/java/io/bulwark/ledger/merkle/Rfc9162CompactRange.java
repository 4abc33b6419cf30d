package io.bulwark.ledger.merkle;

import java.util.List;

/**
 * The frontier of a tree of {@code size} leaves: the roots of its maximal perfect subtrees, largest
 * (leftmost) first, one per set bit of {@code size}. It is all an appender needs to continue the
 * tree and all a verifier needs to compute its root.
 *
 * @param size number of leaves
 * @param hashes subtree roots, left to right; their addresses are {@link #nodeIds(long)}
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public record Rfc9162CompactRange(long size, List<Sha256Hash> hashes) {

  /** Checks that there is one hash per perfect subtree. */
  public Rfc9162CompactRange {
    TreeMath.requireTreeSize(size);
    hashes = List.copyOf(hashes);
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of size "
              + size
              + " has "
              + Long.bitCount(size)
              + " perfect subtrees, got "
              + hashes.size()
              + " hashes");
    }
  }

  /** The frontier of the empty tree. */
  public static Rfc9162CompactRange empty() {
    return new Rfc9162CompactRange(0, List.of());
  }

  /** Addresses of the frontier nodes of a tree of {@code size} leaves, left to right. */
  public static List<NodeId> nodeIds(long size) {
    TreeMath.requireTreeSize(size);
    return TreeMath.perfectSubtrees(0, size);
  }

  /** Reads the frontier of a tree of {@code size} leaves from {@code store} (one batch). */
  public static Rfc9162CompactRange read(NodeStore store, long size) {
    return new Rfc9162CompactRange(size, store.read(nodeIds(size)));
  }

  /** Addresses of this frontier's nodes. */
  public List<NodeId> nodeIds() {
    return nodeIds(size);
  }

  /**
   * {@code MTH(D[size])}, folding the subtree roots right to left.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   */
  public Sha256Hash rootHash() {
    return Rfc9162TreeBuilder.startingAt(this).rootHash();
  }
}
