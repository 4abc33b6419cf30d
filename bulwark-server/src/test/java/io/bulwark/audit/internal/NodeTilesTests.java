package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.merkle.NodeId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeTilesTests {

  @Test
  void everyInteriorNodeOfATileHasItsOwnOffsetOrderedByLevelThenIndex() {
    for (long tile : new long[] {0, 1, 7, 1L << 40}) {
      Set<Integer> offsets = new HashSet<>();
      int expected = 0;
      for (int level = 1; level <= NodeTiles.HEIGHT; level++) {
        long first = tile << (NodeTiles.HEIGHT - level);
        for (long index = first; index < first + (1L << (NodeTiles.HEIGHT - level)); index++) {
          NodeId id = new NodeId(level, index);
          assertThat(NodeTiles.tiled(id)).isTrue();
          assertThat(NodeTiles.tileOf(id)).isEqualTo(tile);
          assertThat(NodeTiles.offset(id)).isEqualTo(expected++);
          assertThat(NodeTiles.nodeAt(tile, NodeTiles.offset(id))).isEqualTo(id);
          assertThat(id.firstLeaf()).isBetween(tile * 256, tile * 256 + 255);
          offsets.add(NodeTiles.offset(id));
        }
      }
      assertThat(offsets).hasSize(NodeTiles.NODES);
    }
  }

  @Test
  void leavesAndNodesAboveTilesAreNotTiled() {
    assertThat(NodeTiles.tiled(NodeId.leaf(5))).isFalse();
    assertThat(NodeTiles.tiled(new NodeId(9, 0))).isFalse();
    assertThat(NodeTiles.completeTiles(255)).isZero();
    assertThat(NodeTiles.completeTiles(256)).isEqualTo(1);
    assertThat(NodeTiles.completeTiles(1027)).isEqualTo(4);
  }
}
