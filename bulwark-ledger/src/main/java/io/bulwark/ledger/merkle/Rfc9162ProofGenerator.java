package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds tree heads and proofs of any tree size from a {@link NodeStore}. Each operation first
 * plans which complete subtrees it needs (at most {@code 2·log2(n)}), reads them in one {@link
 * NodeStore#read} call, then folds the right-edge subtrees of imperfect siblings.
 *
 * <p>Thread-safe if the store is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1">RFC 9162 §2.1.3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1">RFC 9162 §2.1.4.1</a>
 */
public final class Rfc9162ProofGenerator {

  private final NodeStore store;

  /** Generates from {@code store}. */
  public Rfc9162ProofGenerator(NodeStore store) {
    this.store = store;
  }

  /**
   * {@code MTH(D[treeSize])}, from the tree's frontier.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   */
  public Sha256Hash rootHash(long treeSize) {
    return Rfc9162CompactRange.read(store, treeSize).rootHash();
  }

  /**
   * The audit path {@code PATH(leafIndex, D[treeSize])}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1">RFC 9162 §2.1.3.1</a>
   */
  public Rfc9162InclusionProof inclusionProof(long leafIndex, long treeSize) {
    TreeMath.requireTreeSize(treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
    }
    return new Rfc9162InclusionProof(
        leafIndex, treeSize, resolve(inclusionSpans(leafIndex, treeSize)));
  }

  /**
   * The consistency proof {@code PROOF(firstSize, D[secondSize])}; empty when {@code firstSize} is
   * 0 or equals {@code secondSize}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1">RFC 9162 §2.1.4.1</a>
   */
  public Rfc9162ConsistencyProof consistencyProof(long firstSize, long secondSize) {
    TreeMath.requireTreeSize(secondSize);
    if (firstSize < 0 || firstSize > secondSize) {
      throw new IllegalArgumentException(
          "first size " + firstSize + " must be in [0, " + secondSize + "]");
    }
    List<Span> spans =
        firstSize == 0 || firstSize == secondSize
            ? List.of()
            : consistencySpans(firstSize, secondSize);
    return new Rfc9162ConsistencyProof(firstSize, secondSize, resolve(spans));
  }

  /**
   * The hashes that connect leaves {@code [begin, end)} to the head of the tree of {@code
   * treeSize}; see {@link Rfc9162RangeProof}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   */
  public Rfc9162RangeProof rangeProof(long begin, long end, long treeSize) {
    TreeMath.requireTreeSize(treeSize);
    if (begin < 0 || begin > end || end > treeSize) {
      throw new IllegalArgumentException(
          "range [" + begin + ", " + end + ") is not within a tree of size " + treeSize);
    }
    List<NodeId> left = Rfc9162RangeProof.leftNodes(begin);
    List<NodeId> ids = new ArrayList<>(left);
    ids.addAll(Rfc9162RangeProof.rightNodes(end, treeSize));
    List<Sha256Hash> hashes = store.read(ids);
    return new Rfc9162RangeProof(
        begin,
        end,
        treeSize,
        hashes.subList(0, left.size()),
        hashes.subList(left.size(), hashes.size()));
  }

  /** Nodes {@link #inclusionProof} reads, for callers that want to prefetch or cache them. */
  public static List<NodeId> inclusionProofNodes(long leafIndex, long treeSize) {
    return nodesOf(inclusionSpans(leafIndex, treeSize));
  }

  /** Nodes {@link #consistencyProof} reads (for {@code 0 < firstSize < secondSize}). */
  public static List<NodeId> consistencyProofNodes(long firstSize, long secondSize) {
    return nodesOf(consistencySpans(firstSize, secondSize));
  }

  /** A subtree {@code D[begin:end]} of the RFC 9162 tree; perfect, or at the right edge. */
  private record Span(long begin, long end) {}

  private static List<Span> inclusionSpans(long leafIndex, long treeSize) {
    List<Span> spans = new ArrayList<>(Long.SIZE);
    long lo = 0;
    long hi = treeSize;
    while (hi - lo > 1) {
      long k = TreeMath.splitPoint(hi - lo);
      if (leafIndex - lo < k) {
        spans.add(new Span(lo + k, hi));
        hi = lo + k;
      } else {
        spans.add(new Span(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(spans);
    return spans;
  }

  private static List<Span> consistencySpans(long firstSize, long secondSize) {
    List<Span> siblings = new ArrayList<>(Long.SIZE);
    Span terminal = null;
    long lo = 0;
    long hi = secondSize;
    boolean wholeFirstTree = true;
    while (true) {
      long relative = firstSize - lo;
      if (relative == hi - lo) {
        if (!wholeFirstTree) {
          terminal = new Span(lo, hi);
        }
        break;
      }
      long k = TreeMath.splitPoint(hi - lo);
      if (relative <= k) {
        siblings.add(new Span(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.add(new Span(lo, lo + k));
        lo += k;
        wholeFirstTree = false;
      }
    }
    Collections.reverse(siblings);
    List<Span> spans = new ArrayList<>(siblings.size() + 1);
    if (terminal != null) {
      spans.add(terminal);
    }
    spans.addAll(siblings);
    return spans;
  }

  private static List<NodeId> nodesOf(List<Span> spans) {
    List<NodeId> ids = new ArrayList<>(2 * spans.size());
    for (Span span : spans) {
      ids.addAll(TreeMath.perfectSubtrees(span.begin(), span.end()));
    }
    return ids;
  }

  private List<Sha256Hash> resolve(List<Span> spans) {
    List<Sha256Hash> hashes = store.read(nodesOf(spans));
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    List<Sha256Hash> path = new ArrayList<>(spans.size());
    int next = 0;
    for (Span span : spans) {
      int count = TreeMath.perfectSubtrees(span.begin(), span.end()).size();
      Sha256Hash folded = hashes.get(next + count - 1);
      for (int i = next + count - 2; i >= next; i--) {
        folded = hasher.nodeHash(hashes.get(i), folded);
      }
      path.add(folded);
      next += count;
    }
    return path;
  }
}
