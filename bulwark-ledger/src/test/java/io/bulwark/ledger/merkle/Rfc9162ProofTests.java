package io.bulwark.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc9162ProofTests {

  private static final Rfc9162Hasher HASHER = Rfc9162Hasher.create();

  private static List<Sha256Hash> ctLeafHashes() {
    return TestTrees.CT_LEAVES.stream().map(HASHER::leafHash).toList();
  }

  private static Sha256Hash ctRoot(int size) {
    return Sha256Hash.fromHex(TestTrees.CT_ROOTS.get(size - 1));
  }

  private static List<Sha256Hash> hexes(String... hex) {
    return java.util.Arrays.stream(hex).map(Sha256Hash::fromHex).toList();
  }

  @Test
  void inclusionProofOfLeafFiveInTreeOfEightMatchesReferenceVector() {
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(ctLeafHashes()));

    Rfc9162InclusionProof proof = generator.inclusionProof(5, 8);

    assertThat(proof.path())
        .isEqualTo(
            hexes(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    assertThat(proof.verify(ctLeafHashes().get(5), ctRoot(8))).isTrue();
    assertThat(
            new Rfc9162InclusionProof(4, 8, proof.path()).verify(ctLeafHashes().get(5), ctRoot(8)))
        .isFalse();
  }

  @Test
  void inclusionProofOfLeafTwoInTreeOfThreeIsRootOfTwo() {
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(ctLeafHashes()));

    assertThat(generator.inclusionProof(2, 3).path()).containsExactly(ctRoot(2));
  }

  @Test
  void consistencyProofsMatchReferenceVectors() {
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(ctLeafHashes()));

    Rfc9162ConsistencyProof sixToEight = generator.consistencyProof(6, 8);
    Rfc9162ConsistencyProof twoToFive = generator.consistencyProof(2, 5);

    assertThat(sixToEight.path())
        .isEqualTo(
            hexes(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    assertThat(sixToEight.verify(ctRoot(6), ctRoot(8))).isTrue();
    assertThat(sixToEight.verify(ctRoot(5), ctRoot(8))).isFalse();
    assertThat(twoToFive.path())
        .isEqualTo(
            hexes(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
    assertThat(twoToFive.verify(ctRoot(2), ctRoot(5))).isTrue();
  }

  @Test
  void proofsMatchRecursiveDefinitionsForAllPairsUpToSixtyFour() {
    List<Sha256Hash> leaves = TestTrees.leafHashes(64);
    ReferenceMerkleTree reference = new ReferenceMerkleTree(leaves);
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(leaves));
    for (int n = 1; n <= 64; n++) {
      Sha256Hash root = reference.mth(0, n);
      assertThat(generator.rootHash(n)).isEqualTo(root);
      for (int i = 0; i < n; i++) {
        Rfc9162InclusionProof inclusion = generator.inclusionProof(i, n);

        assertThat(inclusion.path()).as("PATH(%d, D[%d])", i, n).isEqualTo(reference.path(i, 0, n));
        assertThat(inclusion.verify(leaves.get(i), root)).isTrue();
      }
      for (int m = 1; m < n; m++) {
        Rfc9162ConsistencyProof consistency = generator.consistencyProof(m, n);

        assertThat(consistency.path())
            .as("PROOF(%d, D[%d])", m, n)
            .isEqualTo(reference.consistency(m, n));
        assertThat(consistency.verify(reference.mth(0, m), root)).isTrue();
      }
    }
  }

  @Test
  void everyInclusionProofOfRandomTreesVerifiesAndAnyFlippedBitFails() {
    Random random = new Random(20240611);
    List<Sha256Hash> leaves = TestTrees.leafHashes(3000);
    InMemoryNodeStore store = TestTrees.storeOf(leaves);
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(store);
    for (int trial = 0; trial < 6; trial++) {
      int n = 1 + random.nextInt(leaves.size());
      Sha256Hash root = generator.rootHash(n);
      for (int i = 0; i < n; i++) {
        Rfc9162InclusionProof proof = generator.inclusionProof(i, n);
        assertThat(proof.verify(leaves.get(i), root)).as("leaf %d of %d", i, n).isTrue();

        if (i % 97 == 0) {
          assertThat(proof.verify(TestTrees.flipBit(leaves.get(i), random.nextInt(256)), root))
              .isFalse();
          assertThat(proof.verify(leaves.get(i), TestTrees.flipBit(root, random.nextInt(256))))
              .isFalse();
          for (int p = 0; p < proof.path().size(); p++) {
            List<Sha256Hash> tampered = new ArrayList<>(proof.path());
            tampered.set(p, TestTrees.flipBit(tampered.get(p), random.nextInt(256)));
            assertThat(new Rfc9162InclusionProof(i, n, tampered).verify(leaves.get(i), root))
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void consistencyProofsBetweenRandomSizesVerifyAndAnyFlippedBitFails() {
    Random random = new Random(4242);
    List<Sha256Hash> leaves = TestTrees.leafHashes(3000);
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(leaves));
    for (int trial = 0; trial < 400; trial++) {
      int n = 2 + random.nextInt(leaves.size() - 1);
      int m = 1 + random.nextInt(n - 1);
      Sha256Hash first = generator.rootHash(m);
      Sha256Hash second = generator.rootHash(n);
      Rfc9162ConsistencyProof proof = generator.consistencyProof(m, n);

      assertThat(proof.verify(first, second)).as("%d -> %d", m, n).isTrue();
      assertThat(proof.verify(TestTrees.flipBit(first, random.nextInt(256)), second)).isFalse();
      assertThat(proof.verify(first, TestTrees.flipBit(second, random.nextInt(256)))).isFalse();
      int p = random.nextInt(proof.path().size());
      List<Sha256Hash> tampered = new ArrayList<>(proof.path());
      tampered.set(p, TestTrees.flipBit(tampered.get(p), random.nextInt(256)));
      assertThat(new Rfc9162ConsistencyProof(m, n, tampered).verify(first, second)).isFalse();
    }
  }

  @Test
  void proofForWrongShapeIsRejectedNotThrown() {
    List<Sha256Hash> leaves = ctLeafHashes();
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(leaves));
    Rfc9162InclusionProof proof = generator.inclusionProof(5, 8);

    assertThat(new Rfc9162InclusionProof(5, 6, proof.path()).verify(leaves.get(5), ctRoot(8)))
        .isFalse();
    assertThat(
            new Rfc9162InclusionProof(5, 8, proof.path().subList(0, 2))
                .verify(leaves.get(5), ctRoot(8)))
        .isFalse();
    assertThat(new Rfc9162ConsistencyProof(6, 8, List.of()).verify(ctRoot(6), ctRoot(8))).isFalse();
  }

  @Test
  void degenerateConsistencyProofsAreEmpty() {
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(ctLeafHashes()));

    assertThat(generator.consistencyProof(0, 8).path()).isEmpty();
    assertThat(generator.consistencyProof(8, 8).verify(ctRoot(8), ctRoot(8))).isTrue();
    assertThat(generator.consistencyProof(8, 8).verify(ctRoot(7), ctRoot(8))).isFalse();
  }

  @Test
  void proofBeyondStoredTreeIsMissingNode() {
    Rfc9162ProofGenerator generator = new Rfc9162ProofGenerator(TestTrees.storeOf(ctLeafHashes()));

    assertThatExceptionOfType(MissingNodeException.class)
        .isThrownBy(() -> generator.inclusionProof(0, 9));
    assertThatIllegalArgumentException().isThrownBy(() -> generator.inclusionProof(8, 8));
  }

  @Test
  void inclusionProofReadsLogarithmicallyManyNodes() {
    long size = 10_000_000L;
    for (long index : new long[] {0, 1, 4_999_999, 9_999_999, 8_388_608, 8_388_607}) {
      assertThat(Rfc9162ProofGenerator.inclusionProofNodes(index, size).size())
          .isLessThanOrEqualTo(2 * 24);
    }
    assertThat(Rfc9162ProofGenerator.consistencyProofNodes(1_234_567, size).size())
        .isLessThanOrEqualTo(2 * 24);
  }
}
