package io.bulwark.benchmarks.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load driver for an OAuth 2.0 token endpoint: {@code concurrency} workers each send
 * client_credentials requests (client_secret_basic) back to back for a bounded time, after a
 * warm-up. It reports successful tokens per second and latency percentiles. Loopback only.
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.identity.TokenLoad
 * <token-url> <client-id> <client-secret> [concurrency=16] [seconds=30] [warmup-seconds=10]}
 */
public final class TokenLoad {

  private TokenLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: TokenLoad <token-url> <client-id> <client-secret> [concurrency] [seconds] [warmup]");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    String host = url.getHost();
    if (!("localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host))) {
      throw new IllegalArgumentException("load is only ever sent to loopback, not " + host);
    }
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();

    run(http, request, concurrency, warmup);
    Result result = run(http, request, concurrency, seconds);
    System.out.println(result.describe(url, concurrency, seconds));
  }

  private static Result run(HttpClient http, HttpRequest request, int concurrency, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
      List<Future<Worker>> futures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        futures.add(workers.submit(() -> new Worker().drive(http, request, deadline)));
      }
      Result total = new Result(seconds);
      for (Future<Worker> future : futures) {
        total.add(future.get());
      }
      return total;
    }
  }

  private static final class Worker {
    private long[] latencies = new long[1 << 14];
    private int count;
    private long failures;

    Worker drive(HttpClient http, HttpRequest request, long deadline) {
      while (System.nanoTime() < deadline) {
        long started = System.nanoTime();
        try {
          HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
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

    String describe(URI url, int concurrency, int seconds) {
      Arrays.sort(latencies);
      return String.format(
          Locale.ROOT,
          "%s concurrency=%d seconds=%d tokens=%d failures=%d tokens_per_s=%.0f p50_ms=%.2f"
              + " p99_ms=%.2f",
          url,
          concurrency,
          seconds,
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
