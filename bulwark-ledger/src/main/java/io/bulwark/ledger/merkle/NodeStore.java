package io.bulwark.ledger.merkle;

import java.util.List;

/**
 * Read side of node storage, the SPI behind proof generation and range verification.
 *
 * <p>A store holds the hashes of complete perfect subtrees addressed by {@link NodeId}; nodes are
 * immutable once written (they come from {@link Rfc9162Appender}). Every operation of this package
 * asks for the {@code O(log n)} nodes it needs in a single {@link #read} call, so an SQL
 * implementation can answer with one query such as {@code SELECT … WHERE (level, idx) IN (…)}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3">RFC 9162 §2.1.3</a>
 */
public interface NodeStore {

  /**
   * Reads the hashes of the given nodes.
   *
   * @param ids nodes to read; may contain duplicates
   * @return their hashes, in the order of {@code ids}
   * @throws MissingNodeException if a node has not been stored
   */
  List<Sha256Hash> read(List<NodeId> ids);
}
