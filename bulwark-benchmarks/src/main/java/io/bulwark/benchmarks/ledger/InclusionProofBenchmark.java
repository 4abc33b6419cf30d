package io.bulwark.benchmarks.ledger;

import io.bulwark.ledger.merkle.InMemoryNodeStore;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Rfc9162InclusionProof;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.merkle.Rfc9162TreeBuilder;
import io.bulwark.ledger.merkle.Sha256Hash;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency distribution (JMH SampleTime) of proofs on a 10,000,000-leaf tree in an {@link
 * InMemoryNodeStore}, random leaf each call. Goal: inclusion proof generation + verification p99 <
 * 2 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InclusionProofBenchmark {

  static final long TREE_SIZE = 10_000_000L;

  private InMemoryNodeStore store;
  private Rfc9162ProofGenerator generator;
  private Sha256Hash root;

  /** Appends 10,000,000 leaves, storing every node, and checks one proof. */
  @Setup
  public void setUp() {
    store = new InMemoryNodeStore();
    Rfc9162TreeBuilder tree = Rfc9162TreeBuilder.create(store::write);
    ByteBuffer leaf = ByteBuffer.allocate(Long.BYTES);
    for (long i = 0; i < TREE_SIZE; i++) {
      tree.appendLeaf(leaf.putLong(0, i).array());
    }
    root = tree.rootHash();
    generator = new Rfc9162ProofGenerator(store);
    if (!generator.rootHash(TREE_SIZE).equals(root)
        || !generator.inclusionProof(4_242_424, TREE_SIZE).verify(leafHash(4_242_424), root)) {
      throw new IllegalStateException("store does not reproduce the tree");
    }
  }

  private Sha256Hash leafHash(long index) {
    return store.read(List.of(NodeId.leaf(index))).get(0);
  }

  /** A random leaf per call. */
  @State(Scope.Thread)
  public static class Leaf {
    private final SplittableRandom random = new SplittableRandom(2024);

    long next() {
      return random.nextLong(TREE_SIZE);
    }
  }

  /** Inclusion proof generation only. */
  @Benchmark
  public Rfc9162InclusionProof inclusionGenerate(Leaf leaf) {
    return generator.inclusionProof(leaf.next(), TREE_SIZE);
  }

  /** Inclusion proof generation plus client-side verification against the tree head. */
  @Benchmark
  public boolean inclusionGenerateAndVerify(Leaf leaf) {
    long index = leaf.next();
    Rfc9162InclusionProof proof = generator.inclusionProof(index, TREE_SIZE);
    if (!proof.verify(leafHash(index), root)) {
      throw new IllegalStateException("proof of leaf " + index + " does not verify");
    }
    return true;
  }

  /** Consistency proof from a random older size to the full tree, generated and verified. */
  @Benchmark
  public boolean consistencyGenerateAndVerify(Leaf leaf) {
    long first = 1 + leaf.next() % (TREE_SIZE - 1);
    Rfc9162ConsistencyProof proof = generator.consistencyProof(first, TREE_SIZE);
    if (!proof.verify(generator.rootHash(first), root)) {
      throw new IllegalStateException("consistency " + first + " does not verify");
    }
    return true;
  }
}
