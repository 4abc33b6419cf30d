package io.bulwark.audit.internal;

import io.bulwark.ledger.merkle.MissingNodeException;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.RangeVerification;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162RangeProof;
import io.bulwark.ledger.merkle.Rfc9162TreeBuilder;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Re-verifies a range of a tenant's log ({@code POST …/audit/verify}) in one pass over its rows:
 * every leaf hash recomputed from the stored body and compared with the stored leaf hash, every
 * node above them recomputed and compared with its stored copy, then the range and the stored nodes
 * around it must reproduce the tree head's root.
 *
 * <p>The rows come as a binary {@code COPY}, {@value #CHUNK_LEAVES} leaves per statement. Each row
 * is the entry's index, the leaf hash PostgreSQL computes from the stored body ({@code sha256(0x00
 * ‖ body)}, so only 32 bytes of it cross the socket), the stored leaf hash, and on the row of a
 * complete tile's last leaf that tile's stored hashes. PostgreSQL streams while this thread
 * rebuilds the tree, with no statement per page and no second read of the leaves. The few nodes
 * outside complete tiles (above level {@value NodeTiles#HEIGHT}, or in the last, incomplete tile)
 * are compared through the {@link PostgresNodeStore} after each chunk, when the connection is free
 * again. Memory is bounded by the chunk, whatever the range.
 *
 * <p>Runs on the connection of the caller's transaction, a read-only snapshot bound to the tenant
 * (the store reads through the same one). Not thread-safe: one instance per verification.
 */
final class StreamedRangeVerifier {

  /** Leaves per {@code COPY} statement (a multiple of a tile). */
  static final int CHUNK_LEAVES = 1 << 16;

  private static final int HASH = Sha256Hash.LENGTH;
  private static final int TILE_BYTES = NodeTiles.NODES * HASH;
  private static final int COPY_HEADER = 19;

  private final PostgresNodeStore store;
  private final TenantId tenant;
  private final long treeSize;
  private final long completeTiles;
  private final int chunkLeaves;
  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();

  private final byte[] tile = new byte[TILE_BYTES];
  private final long[] tileFilled = new long[(NodeTiles.NODES + 63) / 64];
  private long tileNumber = -1;
  private final List<NodeId> deferred = new ArrayList<>();
  private byte[] deferredHashes = new byte[256 * HASH];

  private byte @Nullable [] row;
  private int storedLeaf = -1;
  private long expected;
  private long pruned;
  private RangeVerification.@Nullable NodeMismatch mismatch;

  StreamedRangeVerifier(PostgresNodeStore store, TenantId tenant, long treeSize) {
    this(store, tenant, treeSize, CHUNK_LEAVES);
  }

  /** With {@code chunkLeaves} leaves per statement (a multiple of a tile's leaves). */
  StreamedRangeVerifier(PostgresNodeStore store, TenantId tenant, long treeSize, int chunkLeaves) {
    if (chunkLeaves <= 0 || chunkLeaves % NodeTiles.LEAVES != 0) {
      throw new IllegalArgumentException("chunk must be a positive number of whole tiles");
    }
    this.store = store;
    this.tenant = tenant;
    this.treeSize = treeSize;
    this.completeTiles = NodeTiles.completeTiles(treeSize);
    this.chunkLeaves = chunkLeaves;
  }

  /**
   * Verifies {@code [begin, end)} of the tree of the verifier's size whose root is {@code root}. A
   * mismatch names the lowest leaf under the nodes found wrong or missing (a row absent from its
   * place is its leaf missing); rows past the first wrong one are not checked.
   */
  RangeVerification verify(Connection connection, long begin, long end, Sha256Hash root)
      throws SQLException {
    Rfc9162CompactRange left;
    try {
      left = Rfc9162CompactRange.read(store, begin);
    } catch (MissingNodeException e) {
      return missing(e.node());
    }
    Rfc9162TreeBuilder builder = Rfc9162TreeBuilder.startingAt(left, hasher, this::accept);
    expected = begin;
    for (long from = begin; from < end && mismatch == null; ) {
      long to = Math.min(end, (from / chunkLeaves + 1) * chunkLeaves);
      stream(connection, builder, from, to);
      if (mismatch == null && expected < to) {
        mismatch = absent(expected);
      }
      flushTile();
      checkDeferred();
      from = to;
    }
    if (mismatch != null) {
      return mismatch;
    }
    try {
      Sha256Hash computed =
          new Rfc9162RangeProof(
                  begin,
                  end,
                  treeSize,
                  left.hashes(),
                  store.read(Rfc9162RangeProof.rightNodes(end, treeSize)))
              .finish(builder);
      return computed.equals(root)
          ? new RangeVerification.Intact(begin, end, treeSize)
          : new RangeVerification.RootMismatch(computed, root);
    } catch (MissingNodeException e) {
      return missing(e.node());
    }
  }

  /** Entries in the range whose body was pruned (their stored leaf hash stood in). */
  long pruned() {
    return pruned;
  }

  // ---------------------------------------------------------------- the stream

  private void stream(Connection connection, Rfc9162TreeBuilder builder, long from, long to)
      throws SQLException {
    String sql =
        "copy (select e.idx, pg_catalog.sha256('\\x00'::bytea || e.body), e.leaf_hash, case when e.idx % "
            + NodeTiles.LEAVES
            + " = "
            + (NodeTiles.LEAVES - 1)
            + " then (select t.hashes from audit_node_tiles t where t.tenant_id = e.tenant_id"
            + " and t.tile = e.idx / "
            + NodeTiles.LEAVES
            + ") end from audit_entries e where e.tenant_id = '"
            + tenant.value()
            + "' and e.idx >= "
            + from
            + " and e.idx < "
            + to
            + " order by e.idx) to stdout (format binary)";
    CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
    CopyOut out = copies.copyOut(sql);
    boolean header = true;
    byte[] message;
    while ((message = out.readFromCopy()) != null) {
      // Once something is found wrong the rest of the chunk is only drained: the statement must
      // end before the connection can answer the node reads.
      if (mismatch == null) {
        rows(builder, message, header ? COPY_HEADER + readInt(message, 15) : 0);
      }
      header = false;
    }
  }

  /** The rows of one {@code CopyData} message from {@code offset} (PostgreSQL sends one a row). */
  private void rows(Rfc9162TreeBuilder builder, byte[] message, int offset) {
    int at = offset;
    while (at < message.length && mismatch == null) {
      int fields = readShort(message, at);
      if (fields < 0) {
        return; // the trailer
      }
      at += 2;
      at += 4;
      long index = readLong(message, at);
      at += 8;
      int computedLength = readInt(message, at);
      int computed = at + 4;
      at = computed + Math.max(computedLength, 0);
      int leafLength = readInt(message, at);
      int leaf = at + 4;
      at = leaf + Math.max(leafLength, 0);
      int tileLength = readInt(message, at);
      int tileHashes = at + 4;
      at = tileHashes + Math.max(tileLength, 0);
      if (index != expected) {
        mismatch = absent(expected);
        return;
      }
      row = message;
      storedLeaf = leafLength == HASH ? leaf : -1;
      if (computedLength == HASH) {
        builder.appendLeafHash(message, computed);
      } else if (storedLeaf < 0) {
        mismatch = missing(NodeId.leaf(index));
        return;
      } else {
        pruned++;
        builder.appendLeafHash(message, leaf);
      }
      if (mismatch != null) {
        return;
      }
      expected++;
      if ((index & (NodeTiles.LEAVES - 1)) == NodeTiles.LEAVES - 1
          && index >> NodeTiles.HEIGHT < completeTiles) {
        checkTile(tileLength == TILE_BYTES ? tileHashes : -1);
      }
    }
  }

  /**
   * Every node the builder completes, children before parents. Nodes completed after a wrong leaf
   * would be wrong for its sake only, so they are not compared.
   */
  private void accept(int level, long index, byte[] hash, int offset) {
    if (mismatch != null) {
      return;
    }
    if (level == 0) {
      byte[] message = row;
      if (storedLeaf < 0 || message == null) {
        mismatch = missing(NodeId.leaf(index));
      } else if (!Arrays.equals(
          hash, offset, offset + HASH, message, storedLeaf, storedLeaf + HASH)) {
        mismatch =
            new RangeVerification.NodeMismatch(
                index,
                NodeId.leaf(index),
                "leaf hash of the entry does not match the stored leaf hash");
      }
      return;
    }
    if (level <= NodeTiles.HEIGHT) {
      long number = NodeTiles.tileOf(level, index);
      if (number < completeTiles) {
        if (number != tileNumber) {
          flushTile();
          tileNumber = number;
        }
        int slot = NodeTiles.offset(level, index);
        System.arraycopy(hash, offset, tile, slot * HASH, HASH);
        tileFilled[slot >> 6] |= 1L << slot;
        return;
      }
    }
    defer(new NodeId(level, index), hash, offset);
  }

  /** Compares the recomputed nodes of the current tile with its stored hashes at {@code at}. */
  private void checkTile(int at) {
    byte[] message = row;
    for (int slot = 0; slot < NodeTiles.NODES; slot++) {
      if ((tileFilled[slot >> 6] & (1L << slot)) == 0) {
        continue;
      }
      NodeId node = NodeTiles.nodeAt(tileNumber, slot);
      if (at < 0 || message == null) {
        mismatch = lower(mismatch, missing(node));
      } else if (!Arrays.equals(
          tile,
          slot * HASH,
          slot * HASH + HASH,
          message,
          at + slot * HASH,
          at + slot * HASH + HASH)) {
        mismatch =
            lower(
                mismatch,
                new RangeVerification.NodeMismatch(
                    node.firstLeaf(), node, "stored node does not match the hash of its children"));
      }
    }
    Arrays.fill(tileFilled, 0);
    tileNumber = -1;
  }

  /** Nodes of a tile whose last leaf is not in the range go to the store like the others. */
  private void flushTile() {
    if (tileNumber < 0) {
      return;
    }
    for (int slot = 0; slot < NodeTiles.NODES; slot++) {
      if ((tileFilled[slot >> 6] & (1L << slot)) != 0) {
        defer(NodeTiles.nodeAt(tileNumber, slot), tile, slot * HASH);
      }
    }
    Arrays.fill(tileFilled, 0);
    tileNumber = -1;
  }

  private void defer(NodeId node, byte[] hash, int offset) {
    int slot = deferred.size();
    if ((slot + 1) * HASH > deferredHashes.length) {
      deferredHashes = Arrays.copyOf(deferredHashes, deferredHashes.length * 2);
    }
    System.arraycopy(hash, offset, deferredHashes, slot * HASH, HASH);
    deferred.add(node);
  }

  private void checkDeferred() {
    if (deferred.isEmpty()) {
      return;
    }
    try {
      List<Sha256Hash> stored = store.read(deferred);
      for (int i = 0; i < deferred.size(); i++) {
        if (!stored.get(i).equalsBytes(deferredHashes, i * HASH)) {
          NodeId node = deferred.get(i);
          mismatch =
              lower(
                  mismatch,
                  new RangeVerification.NodeMismatch(
                      node.firstLeaf(),
                      node,
                      "stored node does not match the hash of its children"));
        }
      }
    } catch (MissingNodeException e) {
      mismatch = lower(mismatch, missing(e.node()));
    }
    deferred.clear();
  }

  private static RangeVerification.NodeMismatch lower(
      RangeVerification.@Nullable NodeMismatch found, RangeVerification.NodeMismatch other) {
    return found == null || other.firstBadIndex() < found.firstBadIndex() ? other : found;
  }

  /** The row of entry {@code index} is not where it belongs (deleted, or moved). */
  private static RangeVerification.NodeMismatch absent(long index) {
    return new RangeVerification.NodeMismatch(
        index, NodeId.leaf(index), "entry is missing or out of place");
  }

  private static RangeVerification.NodeMismatch missing(NodeId node) {
    return new RangeVerification.NodeMismatch(
        node.firstLeaf(), node, "node is missing from the store");
  }

  private static int readShort(byte[] b, int at) {
    return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static long readLong(byte[] b, int at) {
    return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xffffffffL);
  }
}
