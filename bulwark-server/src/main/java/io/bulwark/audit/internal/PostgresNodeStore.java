package io.bulwark.audit.internal;

import io.bulwark.ledger.merkle.MerkleNode;
import io.bulwark.ledger.merkle.MissingNodeException;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.NodeStore;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's Merkle nodes (see {@code V21__audit_node_tiles.sql}): leaf hashes in their entries'
 * rows ({@code audit_entries.leaf_hash}), the interior nodes of every complete 256-leaf subtree in
 * one {@code audit_node_tiles} row ({@link NodeTiles}), and the rest — nodes above the tiles and
 * interior nodes of the incomplete tile at the right edge — one row each in {@code audit_nodes}. A
 * {@link #read} is one query. Use it inside a transaction bound to the tenant.
 */
final class PostgresNodeStore implements NodeStore {

  /**
   * Leaves, tiles and single nodes, in that order (the first column says which): parameters are the
   * tenant, leaf indexes, the tenant, tile numbers, node levels, node indexes, the tenant.
   */
  static final String READ_NODES =
      "select 0, 0, idx, leaf_hash from audit_entries where tenant_id = ?"
          + " and idx = any(?::int8[]) and leaf_hash is not null"
          + " union all select 1, 0, tile, hashes from audit_node_tiles where tenant_id = ?"
          + " and tile = any(?::int8[])"
          + " union all select 2, n.level, n.idx, n.hash from audit_nodes n"
          + " join unnest(?::int8[], ?::int8[]) as wanted(level, idx)"
          + " on n.level = wanted.level and n.idx = wanted.idx where n.tenant_id = ?";

  private final JdbcClient jdbc;
  private final TenantId tenant;
  private final long completeTiles;

  /**
   * @param treeSize a size the tenant's tree has reached (its head's, or a smaller one a proof is
   *     about): the tiles complete at that size are read from their tile rows alone
   */
  PostgresNodeStore(JdbcClient jdbc, TenantId tenant, long treeSize) {
    this.jdbc = jdbc;
    this.tenant = tenant;
    this.completeTiles = NodeTiles.completeTiles(treeSize);
  }

  @Override
  public List<Sha256Hash> read(List<NodeId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return inOrder(ids, readAll(ids));
  }

  /**
   * @return the hashes of {@code ids} in their order, from nodes already read
   * @throws MissingNodeException if one of them was not read
   */
  static List<Sha256Hash> inOrder(List<NodeId> ids, Map<NodeId, Sha256Hash> found) {
    List<Sha256Hash> hashes = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      Sha256Hash hash = found.get(id);
      if (hash == null) {
        throw new MissingNodeException(id);
      }
      hashes.add(hash);
    }
    return hashes;
  }

  /**
   * Leaves from their entries, tiled nodes from their tiles, and the other interior nodes from
   * {@code audit_nodes}, in one query. A node of a tile not known to be complete at the store's
   * tree size is also looked up in {@code audit_nodes} (where a tiled node lives until its tile is
   * complete), and its tile wins over a row of its own; a node of a complete tile is looked up in
   * its tile only (the rows earlier appends left are not read again). Nodes not stored are absent
   * from the answer.
   */
  Map<NodeId, Sha256Hash> readAll(List<NodeId> ids) {
    Set<Long> leaves = new LinkedHashSet<>();
    Set<Long> tiles = new LinkedHashSet<>();
    List<NodeId> tiled = new ArrayList<>();
    List<NodeId> single = new ArrayList<>();
    for (NodeId id : ids) {
      if (id.level() == 0) {
        leaves.add(id.index());
      } else if (!NodeTiles.tiled(id)) {
        single.add(id);
      } else {
        tiled.add(id);
        tiles.add(NodeTiles.tileOf(id));
        if (NodeTiles.tileOf(id) >= completeTiles) {
          single.add(id);
        }
      }
    }
    long[] levels = new long[single.size()];
    long[] indexes = new long[single.size()];
    for (int i = 0; i < single.size(); i++) {
      levels[i] = single.get(i).level();
      indexes[i] = single.get(i).index();
    }
    Map<NodeId, Sha256Hash> found = new HashMap<>(ids.size() * 2);
    Map<Long, byte[]> tileHashes = new HashMap<>();
    jdbc.sql(READ_NODES)
        .params(
            tenant.value(),
            toArray(leaves),
            tenant.value(),
            toArray(tiles),
            levels,
            indexes,
            tenant.value())
        .query(rows -> {
          switch (rows.getInt(1)) {
            case 0 -> found.put(NodeId.leaf(rows.getLong(3)), Sha256Hash.of(rows.getBytes(4)));
            case 1 -> tileHashes.put(rows.getLong(3), rows.getBytes(4));
            default ->
                found.putIfAbsent(
                    new NodeId(rows.getInt(2), rows.getLong(3)), Sha256Hash.of(rows.getBytes(4)));
          }
        });
    for (NodeId id : tiled) {
      byte[] tile = tileHashes.get(NodeTiles.tileOf(id));
      if (tile != null) {
        found.put(id, Sha256Hash.of(tile, NodeTiles.offset(id) * Sha256Hash.LENGTH));
      }
    }
    return found;
  }

  private Map<NodeId, Sha256Hash> readSingle(List<NodeId> ids) {
    Map<NodeId, Sha256Hash> found = new HashMap<>(ids.size() * 2);
    if (ids.isEmpty()) {
      return found;
    }
    long[] levels = new long[ids.size()];
    long[] indexes = new long[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      levels[i] = ids.get(i).level();
      indexes[i] = ids.get(i).index();
    }
    jdbc.sql(
            "select n.level, n.idx, n.hash from audit_nodes n"
                + " join unnest(?::int8[], ?::int8[]) as wanted(level, idx)"
                + " on n.level = wanted.level and n.idx = wanted.idx"
                + " where n.tenant_id = ?")
        .params(levels, indexes, tenant.value())
        .query(rows -> {
          found.put(new NodeId(rows.getInt(1), rows.getLong(2)), Sha256Hash.of(rows.getBytes(3)));
        });
    return found;
  }

  /**
   * Stores the nodes an append made, growing the tree from {@code sizeBefore} to {@code sizeAfter}
   * leaves. Leaf hashes are not stored here (their entries carry them). Each tile the append
   * completes is written whole, with the interior nodes earlier appends stored one by one; the
   * other nodes are inserted one row each: up to two statements added to {@code writes}, run with
   * the append's other writes. The earlier interior nodes of a tile being completed are read now.
   *
   * @param writes where the inserts go
   * @param sizeBefore the tree size before the append
   * @param nodes every node the append made ({@code Rfc9162AppendResult.nodes()})
   * @param sizeAfter the tree size after it
   * @throws MissingNodeException if an interior node of the tile being completed is not stored
   */
  void append(StatementBatch writes, long sizeBefore, List<MerkleNode> nodes, long sizeAfter) {
    long firstTile = NodeTiles.completeTiles(sizeBefore);
    long endTile = NodeTiles.completeTiles(sizeAfter);
    Map<Long, TileBuilder> tiles = new HashMap<>();
    for (long tile = firstTile; tile < endTile; tile++) {
      tiles.put(tile, new TileBuilder());
    }
    if (firstTile < endTile && sizeBefore % NodeTiles.LEAVES != 0) {
      List<NodeId> earlier = new ArrayList<>();
      for (int offset = 0; offset < NodeTiles.NODES; offset++) {
        NodeId id = NodeTiles.nodeAt(firstTile, offset);
        if (id.endLeaf() <= sizeBefore) {
          earlier.add(id);
        }
      }
      Map<NodeId, Sha256Hash> stored = readSingle(earlier);
      for (NodeId id : earlier) {
        Sha256Hash hash = stored.get(id);
        if (hash == null) {
          throw new MissingNodeException(id);
        }
        tiles.get(firstTile).put(id, hash);
      }
    }
    List<MerkleNode> single = new ArrayList<>();
    for (MerkleNode node : nodes) {
      NodeId id = node.id();
      if (id.level() == 0) {
        continue;
      }
      TileBuilder tile = NodeTiles.tiled(id) ? tiles.get(NodeTiles.tileOf(id)) : null;
      if (tile != null) {
        tile.put(id, node.hash());
      } else {
        single.add(node);
      }
    }
    insertTiles(writes, tiles);
    insertSingle(writes, single);
  }

  private void insertTiles(StatementBatch writes, Map<Long, TileBuilder> tiles) {
    if (tiles.isEmpty()) {
      return;
    }
    long[] numbers = new long[tiles.size()];
    byte[][] hashes = new byte[tiles.size()][];
    int i = 0;
    for (Map.Entry<Long, TileBuilder> tile : tiles.entrySet()) {
      numbers[i] = tile.getKey();
      hashes[i] = tile.getValue().complete(tile.getKey());
      i++;
    }
    writes.add(
        "insert into audit_node_tiles (tenant_id, tile, hashes)"
            + " select ?, t.tile, t.hashes from unnest(?::int8[], ?::bytea[]) as t(tile, hashes)",
        tenant.value(),
        numbers,
        hashes);
  }

  private void insertSingle(StatementBatch writes, List<MerkleNode> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    int[] levels = new int[nodes.size()];
    long[] indexes = new long[nodes.size()];
    byte[][] hashes = new byte[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      MerkleNode node = nodes.get(i);
      levels[i] = node.id().level();
      indexes[i] = node.id().index();
      hashes[i] = node.hash().toByteArray();
    }
    writes.add(
        "insert into audit_nodes (tenant_id, level, idx, hash)"
            + " select ?, n.level, n.idx, n.hash"
            + " from unnest(?::int2[], ?::int8[], ?::bytea[]) as n(level, idx, hash)",
        tenant.value(),
        levels,
        indexes,
        hashes);
  }

  private static long[] toArray(Set<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /** The {@value NodeTiles#NODES} hashes of one tile, filled in any order. */
  private static final class TileBuilder {
    private final byte[] hashes = new byte[NodeTiles.NODES * Sha256Hash.LENGTH];
    private int filled;

    void put(NodeId id, Sha256Hash hash) {
      hash.copyTo(hashes, NodeTiles.offset(id) * Sha256Hash.LENGTH);
      filled++;
    }

    byte[] complete(long tile) {
      if (filled != NodeTiles.NODES) {
        throw new IllegalStateException(
            "tile " + tile + " has " + filled + " of its " + NodeTiles.NODES + " nodes");
      }
      return hashes;
    }
  }
}
