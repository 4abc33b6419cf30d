package io.bulwark.ledger.merkle;

import java.util.List;

/**
 * The hashes that turn the leaves {@code [begin, end)} of a tree of {@code treeSize} leaves into
 * its root: the compact range of {@code [0, begin)} ({@code left}, at most {@code log2(begin)}
 * hashes) and the maximal aligned perfect subtrees of {@code [end, treeSize)} ({@code right}, at
 * most {@code 2·log2(treeSize)} hashes). A verifier starts a {@link Rfc9162TreeBuilder} from {@code
 * left}, appends the range's leaves, then {@code right}, and compares the result with the signed
 * tree head: by collision resistance that proves every leaf of the range at its position, which
 * covers what inclusion proofs of the first and last leaf would prove and everything between.
 *
 * <p>This is the compact-range technique of transparency-dev; every hash in it is a stored node.
 *
 * @param begin first leaf of the range
 * @param end one past the last leaf of the range
 * @param treeSize size of the tree whose head the range is checked against
 * @param left roots of the perfect subtrees of {@code [0, begin)}, left to right
 * @param right roots of the perfect subtrees of {@code [end, treeSize)}, left to right
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public record Rfc9162RangeProof(
    long begin, long end, long treeSize, List<Sha256Hash> left, List<Sha256Hash> right) {

  /** Checks the range and that each side has the right number of hashes. */
  public Rfc9162RangeProof {
    TreeMath.requireTreeSize(treeSize);
    if (begin < 0 || begin > end || end > treeSize) {
      throw new IllegalArgumentException(
          "range [" + begin + ", " + end + ") is not within a tree of size " + treeSize);
    }
    left = List.copyOf(left);
    right = List.copyOf(right);
    if (left.size() != leftNodes(begin).size()) {
      throw new IllegalArgumentException(
          "expected " + leftNodes(begin).size() + " left hashes, got " + left.size());
    }
    if (right.size() != rightNodes(end, treeSize).size()) {
      throw new IllegalArgumentException(
          "expected " + rightNodes(end, treeSize).size() + " right hashes, got " + right.size());
    }
  }

  /** Addresses of the {@code left} nodes for a range starting at {@code begin}. */
  public static List<NodeId> leftNodes(long begin) {
    return TreeMath.perfectSubtrees(0, begin);
  }

  /** Addresses of the {@code right} nodes for a range ending at {@code end}. */
  public static List<NodeId> rightNodes(long end, long treeSize) {
    return TreeMath.perfectSubtrees(end, treeSize);
  }

  /** A builder positioned at {@code begin}, ready for the range's leaves. */
  public Rfc9162TreeBuilder startBuilder() {
    return Rfc9162TreeBuilder.startingAt(new Rfc9162CompactRange(begin, left));
  }

  /** A builder positioned at {@code begin} that reports new nodes to {@code sink}. */
  public Rfc9162TreeBuilder startBuilder(Rfc9162Hasher hasher, Rfc9162TreeBuilder.NodeSink sink) {
    return Rfc9162TreeBuilder.startingAt(new Rfc9162CompactRange(begin, left), hasher, sink);
  }

  /**
   * Completes a builder that received exactly the range's leaves and returns the root it implies.
   *
   * @throws IllegalStateException if the builder is not at {@code end}
   */
  public Sha256Hash finish(Rfc9162TreeBuilder builder) {
    if (builder.size() != end) {
      throw new IllegalStateException(
          "builder is at size " + builder.size() + " but the range ends at " + end);
    }
    List<NodeId> ids = rightNodes(end, treeSize);
    for (int i = 0; i < ids.size(); i++) {
      builder.appendSubtree(ids.get(i).level(), right.get(i));
    }
    return builder.rootHash();
  }

  /** The root implied by the range's leaf hashes. */
  public Sha256Hash rootFromLeafHashes(List<Sha256Hash> leafHashes) {
    if (leafHashes.size() != end - begin) {
      throw new IllegalArgumentException(
          "the range has " + (end - begin) + " leaves, got " + leafHashes.size());
    }
    Rfc9162TreeBuilder builder = startBuilder();
    leafHashes.forEach(builder::appendLeafHash);
    return finish(builder);
  }
}
