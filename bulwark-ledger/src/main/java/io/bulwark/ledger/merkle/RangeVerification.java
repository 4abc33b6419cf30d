package io.bulwark.ledger.merkle;

import java.util.Objects;

/**
 * Outcome of verifying a stored range of the log (with {@link Rfc9162RangeVerifier}, or the
 * server's own reader of its storage): the range is intact, or the first place where stored data
 * and stored nodes disagree, or a root that does not match the signed tree head.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public sealed interface RangeVerification {

  /** Whether the range verified. */
  default boolean intact() {
    return this instanceof Intact;
  }

  /**
   * Every leaf of {@code [begin, end)} and every stored node inside it was recomputed, and together
   * with the stored nodes around it they reproduce the expected root.
   *
   * @param begin first leaf checked
   * @param end one past the last leaf checked
   * @param treeSize size of the tree whose root matched
   */
  record Intact(long begin, long end, long treeSize) implements RangeVerification {}

  /**
   * A recomputed node differs from (or is missing in) the store. Nodes are checked in creation
   * order — a leaf before the parents that include it — so {@code firstBadIndex} is the first leaf
   * whose stored data or stored hashes are wrong.
   *
   * @param firstBadIndex first leaf covered by the bad node
   * @param node the stored node that does not match
   * @param reason human-readable explanation, without data
   */
  record NodeMismatch(long firstBadIndex, NodeId node, String reason) implements RangeVerification {

    /** Requires a node and a reason. */
    public NodeMismatch {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Leaves and nodes inside the range agree with the store, but the root computed with the stored
   * nodes around the range is not the expected one: those nodes or the tree head are wrong.
   *
   * @param computed root computed from the store
   * @param expected root of the signed tree head
   */
  record RootMismatch(Sha256Hash computed, Sha256Hash expected) implements RangeVerification {

    /** Requires both roots. */
    public RootMismatch {
      Objects.requireNonNull(computed, "computed");
      Objects.requireNonNull(expected, "expected");
    }
  }
}
