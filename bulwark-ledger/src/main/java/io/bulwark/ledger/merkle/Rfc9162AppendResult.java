package io.bulwark.ledger.merkle;

import java.util.List;
import java.util.Objects;

/**
 * What appending a batch of leaves produced: the nodes to store (leaf nodes and every newly
 * completed interior node, children before parents) and the new tree head.
 *
 * @param frontier the compact range after the batch, the input of the next append
 * @param nodes nodes to write to the {@link NodeStore}, in creation order
 * @param rootHash {@code MTH(D[frontier.size()])}, the root to put in the next checkpoint
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public record Rfc9162AppendResult(
    Rfc9162CompactRange frontier, List<MerkleNode> nodes, Sha256Hash rootHash) {

  /** Requires all parts. */
  public Rfc9162AppendResult {
    Objects.requireNonNull(frontier, "frontier");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(rootHash, "rootHash");
  }

  /** The tree size after the batch. */
  public long treeSize() {
    return frontier.size();
  }
}
