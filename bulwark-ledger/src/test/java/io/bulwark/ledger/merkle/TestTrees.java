package io.bulwark.ledger.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Leaves and stores for Merkle tests. */
final class TestTrees {

  /** The leaves of the RFC 6962 / Certificate Transparency reference tests. */
  static final List<byte[]> CT_LEAVES =
      List.of(
          hex(""),
          hex("00"),
          hex("10"),
          hex("2021"),
          hex("3031"),
          hex("40414243"),
          hex("5051525354555657"),
          hex("606162636465666768696a6b6c6d6e6f"));

  /** Heads of the trees of the first 1..8 CT leaves. */
  static final List<String> CT_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private TestTrees() {}

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static byte[] leafData(long index) {
    return ("{\"event\":\"login\",\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8);
  }

  static List<Sha256Hash> leafHashes(int count) {
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    List<Sha256Hash> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hashes.add(hasher.leafHash(leafData(i)));
    }
    return hashes;
  }

  static InMemoryNodeStore storeOf(List<Sha256Hash> leafHashes) {
    InMemoryNodeStore store = new InMemoryNodeStore();
    store.write(
        Rfc9162Appender.create().appendLeafHashes(Rfc9162CompactRange.empty(), leafHashes).nodes());
    return store;
  }

  static Sha256Hash flipBit(Sha256Hash hash, int bit) {
    byte[] bytes = hash.toByteArray();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Sha256Hash.of(bytes);
  }
}
