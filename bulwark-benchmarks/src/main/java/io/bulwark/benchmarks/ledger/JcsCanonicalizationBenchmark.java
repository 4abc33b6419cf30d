package io.bulwark.benchmarks.ledger;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Sha256Hash;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 canonicalization of a typical audit entry, against Jackson's plain (non-canonical)
 * serialization of the same tree as anchor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JcsCanonicalizationBenchmark {

  private final JsonMapper mapper = JsonMapper.builder().build();
  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();
  private JsonNode entry;

  /** Builds the entry. */
  @Setup
  public void setUp() {
    entry = AuditEntries.entry(123_456);
  }

  /** Canonical UTF-8 bytes of the entry. */
  @Benchmark
  public byte[] canonicalize() {
    return Rfc8785Canonicalizer.canonicalize(entry);
  }

  /** Canonical bytes and leaf hash: all the per-entry work of ingestion. */
  @Benchmark
  public Sha256Hash canonicalizeAndLeafHash() {
    return hasher.leafHash(Rfc8785Canonicalizer.canonicalize(entry));
  }

  /** Anchor: Jackson serializing the same tree without canonicalization. */
  @Benchmark
  public byte[] anchorJacksonSerialize() {
    return mapper.writeValueAsBytes(entry);
  }
}
