package io.bulwark.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc9162TreeBuilderTests {

  @Test
  void rootsOfReferenceLeavesMatchCertificateTransparencyVectors() {
    Rfc9162TreeBuilder builder = Rfc9162TreeBuilder.create();
    for (int i = 0; i < TestTrees.CT_LEAVES.size(); i++) {
      builder.appendLeaf(TestTrees.CT_LEAVES.get(i));

      assertThat(builder.rootHash().toHex()).isEqualTo(TestTrees.CT_ROOTS.get(i));
    }
  }

  @Test
  void emptyBuilderHasEmptyRoot() {
    assertThat(Rfc9162TreeBuilder.create().rootHash())
        .isEqualTo(Rfc9162Hasher.create().emptyRoot());
  }

  @Test
  void rootMatchesRecursiveDefinitionForEverySizeUpTo300() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(300);
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    Rfc9162TreeBuilder builder = Rfc9162TreeBuilder.create();
    for (int n = 1; n <= leaves.size(); n++) {
      builder.appendLeafHash(leaves.get(n - 1));

      assertThat(builder.rootHash()).as("size %d", n).isEqualTo(reference.mth(0, n));
    }
  }

  @Test
  void continuingFromCompactRangeGivesSameRootAsOneBuilder() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(1000);
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int split = random.nextInt(leaves.size() + 1);
      Rfc9162TreeBuilder first = Rfc9162TreeBuilder.create();
      leaves.subList(0, split).forEach(first::appendLeafHash);
      Rfc9162TreeBuilder second = Rfc9162TreeBuilder.startingAt(first.compactRange());
      leaves.subList(split, leaves.size()).forEach(second::appendLeafHash);

      assertThat(second.rootHash()).isEqualTo(new ReferenceMerkleTree(leaves).mth(0, 1000));
    }
  }

  @Test
  void sinkReceivesEveryCompleteNodeExactlyOnceChildrenFirst() {
    List<NodeId> emitted = new ArrayList<>();
    Rfc9162TreeBuilder builder =
        Rfc9162TreeBuilder.create(
            (level, index, hash, offset) -> emitted.add(new NodeId(level, index)));
    TestTrees.leafHashes(6).forEach(builder::appendLeafHash);

    assertThat(emitted)
        .containsExactly(
            new NodeId(0, 0),
            new NodeId(0, 1),
            new NodeId(1, 0),
            new NodeId(0, 2),
            new NodeId(0, 3),
            new NodeId(1, 1),
            new NodeId(2, 0),
            new NodeId(0, 4),
            new NodeId(0, 5),
            new NodeId(1, 2));
  }

  @Test
  void subtreeAtUnalignedSizeIsRejected() {
    Rfc9162TreeBuilder builder = Rfc9162TreeBuilder.create();
    builder.appendLeafHash(TestTrees.leafHashes(1).get(0));

    assertThatIllegalStateException()
        .isThrownBy(() -> builder.appendSubtree(1, TestTrees.leafHashes(1).get(0)))
        .withMessageContaining("unaligned size 1");
  }
}
