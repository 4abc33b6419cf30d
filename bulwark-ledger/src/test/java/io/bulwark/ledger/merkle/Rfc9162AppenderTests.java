package io.bulwark.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc9162AppenderTests {

  @Test
  void batchesAppendedFromStoredFrontierBuildTheSameTreeAsOneBatch() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(2000);
    InMemoryNodeStore store = new InMemoryNodeStore();
    Rfc9162Appender appender = Rfc9162Appender.create();
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    Random random = new Random(99);
    int size = 0;
    while (size < leaves.size()) {
      int batch = Math.min(leaves.size() - size, 1 + random.nextInt(70));
      Rfc9162CompactRange frontier = Rfc9162CompactRange.read(store, size);

      Rfc9162AppendResult result =
          appender.appendLeafHashes(frontier, leaves.subList(size, size + batch));
      store.write(result.nodes());
      size += batch;

      assertThat(result.treeSize()).isEqualTo(size);
      assertThat(result.rootHash()).isEqualTo(reference.mth(0, size));
      assertThat(result.frontier()).isEqualTo(Rfc9162CompactRange.read(store, size));
    }
    assertThat(store.leafCount()).isEqualTo(2000);
    assertThat(new Rfc9162ProofGenerator(store).rootHash(1234)).isEqualTo(reference.mth(0, 1234));
  }

  @Test
  void appendEmitsEveryNewlyCompletedNode() {
    Rfc9162Appender appender = Rfc9162Appender.create();
    Rfc9162AppendResult first =
        appender.appendLeafHashes(Rfc9162CompactRange.empty(), TestTrees.leafHashes(3));

    Rfc9162AppendResult second =
        appender.appendLeafHashes(first.frontier(), TestTrees.leafHashes(1));

    assertThat(first.nodes())
        .extracting(MerkleNode::id)
        .containsExactly(new NodeId(0, 0), new NodeId(0, 1), new NodeId(1, 0), new NodeId(0, 2));
    assertThat(second.nodes())
        .extracting(MerkleNode::id)
        .containsExactly(new NodeId(0, 3), new NodeId(1, 1), new NodeId(2, 0));
  }

  @Test
  void leafDataIsHashedWithLeafPrefix() {
    Rfc9162AppendResult result =
        Rfc9162Appender.create().appendLeafData(Rfc9162CompactRange.empty(), TestTrees.CT_LEAVES);

    assertThat(result.rootHash().toHex()).isEqualTo(TestTrees.CT_ROOTS.get(7));
  }

  @Test
  void frontierWithWrongNumberOfHashesIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Rfc9162CompactRange(3, TestTrees.leafHashes(1)))
        .withMessageContaining("2 perfect subtrees");
  }

  @Test
  void storeRefusesNodesThatLeaveAGap() {
    InMemoryNodeStore store = new InMemoryNodeStore();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> store.write(new MerkleNode(NodeId.leaf(1), TestTrees.leafHashes(1).get(0))))
        .withMessageContaining("gap");
  }
}
