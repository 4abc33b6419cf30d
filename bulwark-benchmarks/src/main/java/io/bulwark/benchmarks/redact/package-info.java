/**
 * Redaction throughput: {@link io.bulwark.benchmarks.redact.RedactBenchmark} compares the
 * single-pass {@code bulwark-redact} scanner with sequential {@code java.util.regex} passes; {@link
 * io.bulwark.benchmarks.redact.LogLines} generates the workload (also as a file for the CLI).
 */
@NullMarked
package io.bulwark.benchmarks.redact;

import org.jspecify.annotations.NullMarked;
