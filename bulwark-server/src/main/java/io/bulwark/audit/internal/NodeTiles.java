package io.bulwark.audit.internal;

import io.bulwark.ledger.merkle.NodeId;

/**
 * Where {@code audit_node_tiles} keeps a node: the interior nodes (levels 1 to {@value #HEIGHT}) of
 * each complete subtree of {@value #LEAVES} leaves, as Trillian Tessera groups its tiles, are one
 * row of {@value #NODES} hashes ordered by level, then index. Tile {@code t} covers leaves {@code
 * [t·256, (t+1)·256)}.
 */
final class NodeTiles {

  /** Levels inside a tile, above its leaves. */
  static final int HEIGHT = 8;

  /** Leaves under one tile. */
  static final int LEAVES = 1 << HEIGHT;

  /** Interior nodes of one tile: 128 + 64 + … + 1. */
  static final int NODES = LEAVES - 1;

  private NodeTiles() {}

  /** Whether the node lives in a tile once its tile is complete. */
  static boolean tiled(NodeId id) {
    return id.level() >= 1 && id.level() <= HEIGHT;
  }

  /** The tile of a {@linkplain #tiled tiled} node. */
  static long tileOf(NodeId id) {
    return tileOf(id.level(), id.index());
  }

  /** The tile of the tiled node at {@code level} and {@code index}. */
  static long tileOf(int level, long index) {
    return index >> (HEIGHT - level);
  }

  /** The node's position among its tile's {@value #NODES} hashes. */
  static int offset(NodeId id) {
    return offset(id.level(), id.index());
  }

  /** The position of the tiled node at {@code level} and {@code index} among its tile's hashes. */
  static int offset(int level, long index) {
    int levelStart = LEAVES - (1 << (HEIGHT + 1 - level));
    return levelStart + (int) (index & ((1L << (HEIGHT - level)) - 1));
  }

  /** The node at {@code offset} of {@code tile}. */
  static NodeId nodeAt(long tile, int offset) {
    int level = 1;
    int width = LEAVES >> 1;
    int start = 0;
    while (offset >= start + width) {
      start += width;
      width >>= 1;
      level++;
    }
    return new NodeId(level, (tile << (HEIGHT - level)) + (offset - start));
  }

  /** Tiles complete in a tree of {@code size} leaves. */
  static long completeTiles(long size) {
    return size >> HEIGHT;
  }
}
