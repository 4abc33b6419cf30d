package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends batches of leaves to a tree known only by its frontier, for group commit: read the
 * frontier ({@link Rfc9162CompactRange#read}), append the batch, store {@link
 * Rfc9162AppendResult#nodes()} and sign a checkpoint for {@link Rfc9162AppendResult#rootHash()} in
 * the same transaction. Appending {@code b} leaves to a tree of {@code n} creates fewer than {@code
 * 2b + log2(n)} nodes.
 *
 * <p>Stateless apart from a hasher: not thread-safe, use one per thread.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class Rfc9162Appender {

  private final Rfc9162Hasher hasher;

  private Rfc9162Appender(Rfc9162Hasher hasher) {
    this.hasher = hasher;
  }

  /** Creates an appender with its own hasher. */
  public static Rfc9162Appender create() {
    return new Rfc9162Appender(Rfc9162Hasher.create());
  }

  /** Appends leaves given their leaf hashes ({@code SHA-256(0x00 || data)}). */
  public Rfc9162AppendResult appendLeafHashes(
      Rfc9162CompactRange frontier, List<Sha256Hash> leafHashes) {
    List<MerkleNode> nodes = new ArrayList<>(2 * leafHashes.size() + Long.SIZE);
    Rfc9162TreeBuilder builder = startingAt(frontier, nodes);
    for (Sha256Hash leafHash : leafHashes) {
      builder.appendLeafHash(leafHash);
    }
    return new Rfc9162AppendResult(builder.compactRange(), nodes, builder.rootHash());
  }

  /** Appends leaves given their data (RFC 8785 canonical JSON of each entry). */
  public Rfc9162AppendResult appendLeafData(Rfc9162CompactRange frontier, List<byte[]> leafData) {
    List<MerkleNode> nodes = new ArrayList<>(2 * leafData.size() + Long.SIZE);
    Rfc9162TreeBuilder builder = startingAt(frontier, nodes);
    for (byte[] data : leafData) {
      builder.appendLeaf(data);
    }
    return new Rfc9162AppendResult(builder.compactRange(), nodes, builder.rootHash());
  }

  private Rfc9162TreeBuilder startingAt(Rfc9162CompactRange frontier, List<MerkleNode> nodes) {
    return Rfc9162TreeBuilder.startingAt(
        frontier,
        hasher,
        (level, index, hash, offset) ->
            nodes.add(new MerkleNode(new NodeId(level, index), Sha256Hash.of(hash, offset))));
  }
}
