package io.bulwark.benchmarks.secrets;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load driver for secret reads over HTTP: it sets up a fresh tenant with {@code
 * secrets} secrets of 256 characters, then {@code concurrency} workers read random ones ({@code GET
 * /api/v1/tenants/{slug}/secrets/bench/s-N}, bearer token, each read audited by the server) back to
 * back for a bounded time after a warm-up, and reports reads per second and latency percentiles.
 * Loopback only.
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.secrets.SecretReadLoad
 * <base-url> <admin-client-id> <admin-client-secret> [concurrency=32] [seconds=30] [warmup=10]
 * [secrets=100]}
 */
public final class SecretReadLoad {

  private SecretReadLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: SecretReadLoad <base-url> <admin-id> <admin-secret> [concurrency] [seconds]"
              + " [warmup] [secrets]");
      System.exit(2);
    }
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;
    int secrets = args.length > 6 ? Integer.parseInt(args[6]) : 100;

    BenchVault vault = BenchVault.create(args[0], args[1], args[2]);
    String token = vault.token();
    String value = "v".repeat(256);
    for (int i = 0; i < secrets; i++) {
      vault.expect(
          200,
          vault.send(
              "PUT",
              "/api/v1/tenants/" + vault.slug + "/secrets/bench/s-" + i,
              token,
              "{\"value\": \"" + value + "\"}"));
    }
    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < secrets; i++) {
      requests.add(
          HttpRequest.newBuilder(URI.create(vault.secretUrl("bench/s-" + i)))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build());
    }
    Result warm = run(vault, requests, concurrency, warmup);
    Result result = run(vault, requests, concurrency, seconds);
    System.out.println(
        result.describe(vault.base, concurrency, seconds, secrets)
            + " warmup_reads="
            + warm.latencies.length
            + " setup_writes="
            + secrets);
  }

  private static Result run(
      BenchVault vault, List<HttpRequest> requests, int concurrency, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    AtomicInteger seeds = new AtomicInteger();
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
      List<Future<Worker>> futures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        futures.add(
            workers.submit(
                () -> new Worker(seeds.incrementAndGet()).drive(vault, requests, deadline)));
      }
      Result total = new Result(seconds);
      for (Future<Worker> future : futures) {
        total.add(future.get());
      }
      return total;
    }
  }

  private static final class Worker {
    private final SplittableRandom random;
    private long[] latencies = new long[1 << 14];
    private int count;
    private long failures;

    Worker(int seed) {
      random = new SplittableRandom(seed);
    }

    Worker drive(BenchVault vault, List<HttpRequest> requests, long deadline) {
      while (System.nanoTime() < deadline) {
        HttpRequest request = requests.get(random.nextInt(requests.size()));
        long started = System.nanoTime();
        try {
          HttpResponse<Void> response =
              vault.http.send(request, HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() == 200) {
            record(System.nanoTime() - started);
          } else {
            failures++;
          }
        } catch (Exception e) {
          failures++;
        }
      }
      return this;
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }

  private static final class Result {
    private final int seconds;
    private long[] latencies = new long[0];
    private long failures;

    Result(int seconds) {
      this.seconds = seconds;
    }

    void add(Worker worker) {
      int offset = latencies.length;
      latencies = Arrays.copyOf(latencies, offset + worker.count);
      System.arraycopy(worker.latencies, 0, latencies, offset, worker.count);
      failures += worker.failures;
    }

    String describe(String base, int concurrency, int seconds, int secrets) {
      Arrays.sort(latencies);
      return String.format(
          Locale.ROOT,
          "%s secret reads concurrency=%d seconds=%d secrets=%d reads=%d failures=%d"
              + " reads_per_s=%.0f p50_ms=%.2f p99_ms=%.2f",
          base,
          concurrency,
          seconds,
          secrets,
          latencies.length,
          failures,
          latencies.length / (double) this.seconds,
          percentile(0.50),
          percentile(0.99));
    }

    private double percentile(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1_000_000.0;
    }
  }
}
