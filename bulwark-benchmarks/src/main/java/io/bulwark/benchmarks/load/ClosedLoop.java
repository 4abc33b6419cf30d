package io.bulwark.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP load: {@code concurrency} workers each send a request, wait for its answer and
 * send the next, until a deadline. A {@code 200} (whose body passes a check, when one is given)
 * counts with its latency; anything else, or an I/O failure, counts as a failure.
 */
public final class ClosedLoop {

  private ClosedLoop() {}

  /**
   * @param url where load is to be sent
   * @throws IllegalArgumentException unless the host is on this machine's loopback
   */
  public static void requireLoopback(URI url) {
    String host = url.getHost();
    if (host == null
        || !("localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host))) {
      throw new IllegalArgumentException("load is only ever sent to loopback, not " + host);
    }
  }

  /**
   * @param http the client, shared by the workers (keep-alive connections)
   * @param concurrency how many workers
   * @param seconds how long
   * @param next the next request of a worker, given that worker's own random source
   * @return every worker's successes and failures
   */
  public static Result run(
      HttpClient http, int concurrency, int seconds, Function<SplittableRandom, HttpRequest> next)
      throws Exception {
    return run(http, concurrency, seconds, next, null);
  }

  /**
   * @param http the client, shared by the workers (keep-alive connections)
   * @param concurrency how many workers
   * @param seconds how long
   * @param next the next request of a worker, given that worker's own random source
   * @param body what a {@code 200}'s body must satisfy to count as a success (null: the body is
   *     discarded unread)
   * @return every worker's successes and failures
   */
  public static Result run(
      HttpClient http,
      int concurrency,
      int seconds,
      Function<SplittableRandom, HttpRequest> next,
      Predicate<String> body)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
      List<Future<Worker>> futures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        SplittableRandom random = new SplittableRandom(i + 1);
        futures.add(workers.submit(() -> new Worker().drive(http, random, next, body, deadline)));
      }
      Result total = new Result(seconds);
      for (Future<Worker> future : futures) {
        total.add(future.get());
      }
      Arrays.sort(total.latencies);
      return total;
    }
  }

  private static final class Worker {
    private long[] latencies = new long[1 << 14];
    private int count;
    private long failures;

    Worker drive(
        HttpClient http,
        SplittableRandom random,
        Function<SplittableRandom, HttpRequest> next,
        Predicate<String> body,
        long deadline) {
      while (System.nanoTime() < deadline) {
        HttpRequest request = next.apply(random);
        long started = System.nanoTime();
        try {
          boolean success;
          if (body == null) {
            success =
                http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } else {
            HttpResponse<String> response =
                http.send(request, HttpResponse.BodyHandlers.ofString());
            success = response.statusCode() == 200 && body.test(response.body());
          }
          if (success) {
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

  /** The successes (with their latencies) and failures of one run. */
  public static final class Result {
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

    /**
     * @return answered {@code 200}s
     */
    public int successes() {
      return latencies.length;
    }

    /**
     * @return requests that failed or answered anything but {@code 200}
     */
    public long failures() {
      return failures;
    }

    /**
     * @return successes per second of the run
     */
    public double perSecond() {
      return latencies.length / (double) seconds;
    }

    /**
     * @param p a fraction, such as 0.99
     * @return that percentile of the successes' latencies, in milliseconds (NaN with none)
     */
    public double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1_000_000.0;
    }
  }
}
