package io.bulwark.benchmarks.redact;

import io.bulwark.redact.Redactor;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of redacting 1 MiB of realistic log lines (85% clean, 15% sensitive) per operation:
 * ops/s equals MiB/s. {@code bulwark} is {@link Redactor#defaults()} (all detectors); {@code
 * regexBaseline} is sequential {@code replaceAll} passes for the same types.
 *
 * <pre>
 * java -jar bulwark-benchmarks.jar RedactBenchmark -f 1 -wi 2 -i 3 -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RedactBenchmark {

  private static final long ONE_MIB = 1 << 20;

  private String[] lines;
  private Redactor redactor;

  @Setup
  public void setUp() {
    List<String> generated = LogLines.generate(7, ONE_MIB);
    lines = generated.toArray(String[]::new);
    redactor = Redactor.defaults();
    long changed = generated.stream().filter(l -> redactor.redact(l) != l).count();
    long regexChanged = generated.stream().filter(l -> !RegexBaseline.redact(l).equals(l)).count();
    System.out.printf(
        "%n%d lines, %d redacted by bulwark, %d changed by the regex baseline%n",
        lines.length, changed, regexChanged);
  }

  @Benchmark
  public void bulwark(Blackhole blackhole) {
    for (String line : lines) {
      blackhole.consume(redactor.redact(line));
    }
  }

  @Benchmark
  public void regexBaseline(Blackhole blackhole) {
    for (String line : lines) {
      blackhole.consume(RegexBaseline.redact(line));
    }
  }
}
