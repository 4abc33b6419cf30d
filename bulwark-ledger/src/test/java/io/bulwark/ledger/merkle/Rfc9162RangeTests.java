package io.bulwark.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class Rfc9162RangeTests {

  @Test
  void rangeProofRebuildsRootFromAnySubrange() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(700);
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(leaves));
    Random random = new Random(5);
    for (int trial = 0; trial < 300; trial++) {
      int size = 1 + random.nextInt(leaves.size());
      int begin = random.nextInt(size + 1);
      int end = begin + random.nextInt(size - begin + 1);
      Rfc9162RangeProof proof = generator.rangeProof(begin, end, size);

      assertThat(proof.rootFromLeafHashes(leaves.subList(begin, end)))
          .as("[%d, %d) of %d", begin, end, size)
          .isEqualTo(generator.rootHash(size));
      if (end > begin) {
        List<Sha256Hash> tampered = new ArrayList<>(leaves.subList(begin, end));
        int victim = random.nextInt(tampered.size());
        tampered.set(victim, TestTrees.flipBit(tampered.get(victim), random.nextInt(256)));
        assertThat(proof.rootFromLeafHashes(tampered)).isNotEqualTo(generator.rootHash(size));
      }
    }
  }

  @Test
  void intactStoredRangeVerifies() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(500);
    InMemoryNodeStore store = TestTrees.storeOf(leaves);
    Sha256Hash root = new Rfc9162ProofGenerator(store).rootHash(500);

    RangeVerification outcome =
        new Rfc9162RangeVerifier(store, 16).verifyLeafData(37, leafData(37, 411), 500, root);

    assertThat(outcome).isEqualTo(new RangeVerification.Intact(37, 411, 500));
  }

  @Test
  void modifiedEntryIsReportedAtItsIndex() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(500);
    InMemoryNodeStore store = TestTrees.storeOf(leaves);
    Sha256Hash root = new Rfc9162ProofGenerator(store).rootHash(500);
    List<byte[]> data =
        new ArrayList<>(LongStream.range(0, 500).mapToObj(TestTrees::leafData).toList());
    data.set(141, TestTrees.leafData(9999));

    RangeVerification outcome =
        new Rfc9162RangeVerifier(store, 64).verifyLeafData(0, data.iterator(), 500, root);

    assertThat(outcome)
        .isEqualTo(
            new RangeVerification.NodeMismatch(
                141,
                NodeId.leaf(141),
                "leaf hash of the entry does not match the stored leaf hash"));
  }

  @Test
  void tamperedInteriorNodeIsReportedAtItsFirstLeaf() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(500);
    InMemoryNodeStore store = TestTrees.storeOf(leaves);
    Sha256Hash root = new Rfc9162ProofGenerator(store).rootHash(500);
    NodeId victim = new NodeId(3, 20);
    store.write(new MerkleNode(victim, TestTrees.flipBit(store.read(List.of(victim)).get(0), 17)));

    RangeVerification outcome =
        new Rfc9162RangeVerifier(store).verifyLeafData(100, leafData(100, 300), 500, root);

    assertThat(outcome).isInstanceOf(RangeVerification.NodeMismatch.class);
    assertThat(((RangeVerification.NodeMismatch) outcome).firstBadIndex()).isEqualTo(160);
    assertThat(((RangeVerification.NodeMismatch) outcome).node()).isEqualTo(victim);
  }

  @Test
  void tamperedNodeOutsideRangeIsRootMismatch() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(500);
    InMemoryNodeStore store = TestTrees.storeOf(leaves);
    Sha256Hash root = new Rfc9162ProofGenerator(store).rootHash(500);
    NodeId victim = new NodeId(8, 0);
    store.write(new MerkleNode(victim, TestTrees.flipBit(store.read(List.of(victim)).get(0), 3)));

    RangeVerification outcome =
        new Rfc9162RangeVerifier(store).verifyLeafData(256, leafData(256, 300), 500, root);

    assertThat(outcome).isInstanceOf(RangeVerification.RootMismatch.class);
    assertThat(outcome.intact()).isFalse();
  }

  @Test
  void parallelHasherMatchesSequentialRootAroundBlockBoundaries() {
    int block = Rfc9162ParallelTreeHasher.BLOCK_LEAVES;
    for (int threads = 1; threads <= 3; threads++) {
      try (Rfc9162ParallelTreeHasher parallel = Rfc9162ParallelTreeHasher.create(threads)) {
        for (int size : new int[] {0, 1, block - 1, block, block + 1, 5 * block + 17}) {
          Rfc9162TreeBuilder sequential = Rfc9162TreeBuilder.create();
          leafData(0, size).forEachRemaining(sequential::appendLeaf);

          Rfc9162CompactRange computed = parallel.compute(leafData(0, size));

          assertThat(computed.size()).isEqualTo(size);
          assertThat(computed.rootHash()).as("size %d", size).isEqualTo(sequential.rootHash());
        }
      }
    }
  }

  private static java.util.Iterator<byte[]> leafData(long from, long to) {
    return LongStream.range(from, to).mapToObj(TestTrees::leafData).iterator();
  }
}
