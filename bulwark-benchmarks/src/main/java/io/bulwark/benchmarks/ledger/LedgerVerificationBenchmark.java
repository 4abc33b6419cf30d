package io.bulwark.benchmarks.ledger;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ParallelTreeHasher;
import io.bulwark.ledger.merkle.Rfc9162TreeBuilder;
import io.bulwark.ledger.merkle.Sha256Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-tree verification throughput in leaves/s (each benchmark recomputes the root of a {@value
 * #LEAVES}-leaf tree and reports per leaf), next to the raw SHA-256 rate of this machine measured
 * in the same run (hashes/s).
 *
 * <p>Goal: ≥ 1,000,000 leaves/s from leaf data already canonicalized (RFC 8785).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LedgerVerificationBenchmark {

  static final int LEAVES = 1 << 18;

  /** Entry shape: {@code typical} (≈ 600 bytes canonical) or {@code compact} (≈ 150 bytes). */
  @Param({"typical", "compact"})
  public String entry;

  private List<byte[]> leafData;
  private byte[] leafHashes;
  private Rfc9162ParallelTreeHasher parallel;
  private Sha256Hash expectedRoot;

  /** Canonicalizes {@value #LEAVES} typical audit entries and hashes their leaves once. */
  @Setup
  public void setUp() {
    leafData = new ArrayList<>(LEAVES);
    leafHashes = new byte[LEAVES * Sha256Hash.LENGTH];
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    Rfc9162TreeBuilder reference = Rfc9162TreeBuilder.create();
    for (int i = 0; i < LEAVES; i++) {
      byte[] canonical = Rfc8785Canonicalizer.canonicalize(AuditEntries.entry(entry, i));
      leafData.add(canonical);
      hasher.leafHash(canonical, 0, canonical.length, leafHashes, i * Sha256Hash.LENGTH);
      reference.appendLeaf(canonical);
    }
    expectedRoot = reference.rootHash();
    System.out.printf(
        "%n%s entries: %d bytes canonical on average%n",
        entry, leafData.stream().mapToLong(d -> d.length).sum() / LEAVES);
    parallel = Rfc9162ParallelTreeHasher.create(2);
    if (!fromLeafDataParallel().equals(expectedRoot)) {
      throw new IllegalStateException("parallel root differs from sequential root");
    }
  }

  /** Stops the pool. */
  @TearDown
  public void tearDown() {
    parallel.close();
  }

  /** Merkle structure only: node hashes over stored leaf hashes, one thread. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public Sha256Hash fromLeafHashes() {
    Rfc9162TreeBuilder tree = Rfc9162TreeBuilder.create();
    for (int i = 0; i < LEAVES; i++) {
      tree.appendLeafHash(leafHashes, i * Sha256Hash.LENGTH);
    }
    return tree.rootHash();
  }

  /** Leaf hash of every canonical entry plus the tree, one thread. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public Sha256Hash fromLeafDataSequential() {
    Rfc9162TreeBuilder tree = Rfc9162TreeBuilder.create();
    for (int i = 0; i < LEAVES; i++) {
      tree.appendLeaf(leafData.get(i));
    }
    return tree.rootHash();
  }

  /** Same work streamed through {@link Rfc9162ParallelTreeHasher} with 2 workers. */
  @Benchmark
  @OperationsPerInvocation(LEAVES)
  public Sha256Hash fromLeafDataParallel() {
    Rfc9162CompactRange range = parallel.compute(leafData.iterator());
    return range.rootHash();
  }

  /** Per-thread digest for the anchors. */
  @State(Scope.Thread)
  public static class Digest {

    /** Same parameter as the benchmark state: the entry hashed by the entry anchor. */
    @Param({"typical", "compact"})
    public String entry;

    MessageDigest sha256;
    byte[] nodeInput = new byte[65];
    byte[] entryInput;

    /** Prepares inputs of node size (65 bytes) and typical entry size. */
    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      sha256 = MessageDigest.getInstance("SHA-256");
      byte[] canonical = Rfc8785Canonicalizer.canonicalize(AuditEntries.entry(entry, 12345));
      entryInput = new byte[canonical.length + 1];
      System.arraycopy(canonical, 0, entryInput, 1, canonical.length);
    }
  }

  /** Anchor: raw SHA-256 of a 65-byte input (one RFC 9162 node), one thread. */
  @Benchmark
  public byte[] anchorSha256NodeInput(Digest digest) {
    return digest.sha256.digest(digest.nodeInput);
  }

  /** Anchor: raw SHA-256 of a 65-byte input on both cores. */
  @Benchmark
  @Threads(2)
  public byte[] anchorSha256NodeInputTwoThreads(Digest digest) {
    return digest.sha256.digest(digest.nodeInput);
  }

  /** Anchor: raw SHA-256 of one typical canonical entry with its 0x00 prefix, one thread. */
  @Benchmark
  public byte[] anchorSha256EntryInput(Digest digest) {
    return digest.sha256.digest(digest.entryInput);
  }
}
