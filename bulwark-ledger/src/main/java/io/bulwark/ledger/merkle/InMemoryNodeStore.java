package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A {@link NodeStore} in memory, for tests, benchmarks and the offline tools.
 *
 * <p>Nodes of each level are kept densely in 1 MiB chunks (32 bytes a node, no per-node object), so
 * a tree of {@code n} leaves takes about {@code 64·n} bytes. Nodes of a level must be written in
 * index order, as {@link Rfc9162Appender} emits them; rewriting an existing node replaces it (tests
 * use that to simulate tampering). Not safe for writes concurrent with other access.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class InMemoryNodeStore implements NodeStore {

  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_NODES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_NODES - 1;

  private final List<Level> levels = new ArrayList<>();

  /** Creates an empty store. */
  public InMemoryNodeStore() {}

  /** Number of leaf hashes stored, i.e. the size of the largest tree this store can serve. */
  public long leafCount() {
    return levels.isEmpty() ? 0 : levels.get(0).count;
  }

  /**
   * Stores nodes, each level in index order.
   *
   * @throws IllegalArgumentException if a node would leave a gap in its level
   */
  public void write(Collection<MerkleNode> nodes) {
    for (MerkleNode node : nodes) {
      write(node.id().level(), node.id().index(), node.hash().bytes(), 0);
    }
  }

  /** Stores one node. */
  public void write(MerkleNode node) {
    write(node.id().level(), node.id().index(), node.hash().bytes(), 0);
  }

  /**
   * Stores the 32 bytes at {@code source[offset..]} as node ({@code level}, {@code index}); the
   * allocation-free form used as an {@link Rfc9162TreeBuilder.NodeSink}.
   */
  public void write(int level, long index, byte[] source, int offset) {
    while (levels.size() <= level) {
      levels.add(new Level());
    }
    Level nodes = levels.get(level);
    if (index > nodes.count) {
      throw new IllegalArgumentException(
          "level "
              + level
              + " holds "
              + nodes.count
              + " nodes; node "
              + index
              + " would leave a gap");
    }
    int chunk = (int) (index >>> CHUNK_SHIFT);
    if (chunk == nodes.chunks.size()) {
      nodes.chunks.add(new byte[CHUNK_NODES * Sha256Hash.LENGTH]);
    }
    System.arraycopy(
        source,
        offset,
        nodes.chunks.get(chunk),
        (int) (index & CHUNK_MASK) * Sha256Hash.LENGTH,
        Sha256Hash.LENGTH);
    if (index == nodes.count) {
      nodes.count++;
    }
  }

  @Override
  public List<Sha256Hash> read(List<NodeId> ids) {
    List<Sha256Hash> hashes = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).count) {
        throw new MissingNodeException(id);
      }
      byte[] chunk = levels.get(id.level()).chunks.get((int) (id.index() >>> CHUNK_SHIFT));
      hashes.add(Sha256Hash.of(chunk, (int) (id.index() & CHUNK_MASK) * Sha256Hash.LENGTH));
    }
    return hashes;
  }

  private static final class Level {
    private final List<byte[]> chunks = new ArrayList<>();
    private long count;
  }
}
