package io.bulwark.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class Rfc9162HasherTests {

  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();

  @Test
  void emptyTreeHashIsSha256OfNothing() {
    assertThat(hasher.emptyRoot().toHex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void leafHashPrefixesZeroByte() {
    assertThat(hasher.leafHash(new byte[0]).toHex()).isEqualTo(TestTrees.CT_ROOTS.get(0));
  }

  @Test
  void nodeHashOfFirstTwoReferenceLeavesIsReferenceRootOfTwo() {
    Sha256Hash left = hasher.leafHash(TestTrees.CT_LEAVES.get(0));
    Sha256Hash right = hasher.leafHash(TestTrees.CT_LEAVES.get(1));

    assertThat(hasher.nodeHash(left, right).toHex()).isEqualTo(TestTrees.CT_ROOTS.get(1));
  }

  @Test
  void leafHashDiffersFromNodeHashOfSameBytes() {
    Sha256Hash a = hasher.leafHash(new byte[] {1});
    Sha256Hash b = hasher.leafHash(new byte[] {2});
    byte[] concatenation = new byte[64];
    a.copyTo(concatenation, 0);
    b.copyTo(concatenation, 32);

    assertThat(hasher.leafHash(concatenation)).isNotEqualTo(hasher.nodeHash(a, b));
  }

  @Test
  void hashRoundTripsThroughBase64AndHex() {
    Sha256Hash hash = hasher.leafHash(new byte[] {42});

    assertThat(Sha256Hash.fromBase64(hash.toBase64())).isEqualTo(hash);
    assertThat(Sha256Hash.fromHex(hash.toHex())).isEqualTo(hash);
  }

  @Test
  void hashOfWrongLengthIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Sha256Hash.of(new byte[31]));
    assertThatIllegalArgumentException().isThrownBy(() -> Sha256Hash.fromBase64("AAAA"));
  }

  @Test
  void nodeIdOutsideSupportedTreeIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new NodeId(-1, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new NodeId(63, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new NodeId(0, -1));
    assertThatIllegalArgumentException().isThrownBy(() -> new NodeId(62, 1));
    assertThat(new NodeId(3, 5).firstLeaf()).isEqualTo(40);
    assertThat(new NodeId(3, 5).endLeaf()).isEqualTo(48);
  }
}
