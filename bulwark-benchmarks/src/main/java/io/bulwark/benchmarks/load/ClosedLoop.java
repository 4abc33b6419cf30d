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
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load: {@code concurrency} workers each send a request, wait for its answer and
 * send the next, until a deadline. A {@code 200} (whose body passes a check, when one is given)
 * counts with its latency; anything else, or an I/O failure, counts as a failure.
 */
public final class ClosedLoop {

  /** What an exchange answers for a {@code 200} whose body failed the check: a failure. */
  private static final int REFUSED_BODY = -1;

  private ClosedLoop() {}

  /**
   * @return a {@code java.net.http} client on HTTP/1.1 keep-alive connections (no h2c upgrade,
   *     which some servers accept and others refuse), with a 5 s connect timeout
   */
  public static HttpClient keepAliveClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

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
    return run(
        concurrency,
        seconds,
        () ->
            random -> {
              HttpRequest request = next.apply(random);
              if (body == null) {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              }
              HttpResponse<String> response =
                  http.send(request, HttpResponse.BodyHandlers.ofString());
              return response.statusCode() == 200 && !body.test(response.body())
                  ? REFUSED_BODY
                  : response.statusCode();
            });
  }

  /**
   * @param concurrency how many workers
   * @param seconds how long
   * @param exchanges makes each worker's own way of sending one request (its connection, say)
   * @return every worker's successes and failures
   */
  public static Result run(int concurrency, int seconds, Supplier<Exchange> exchanges)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    try (ExecutorService workers = Executors.newFixedThreadPool(concurrency)) {
      List<Future<Worker>> futures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        SplittableRandom random = new SplittableRandom(i + 1);
        Exchange exchange = exchanges.get();
        futures.add(workers.submit(() -> new Worker().drive(exchange, random, deadline)));
      }
      Result total = new Result(seconds);
      for (Future<Worker> future : futures) {
        total.add(future.get());
      }
      Arrays.sort(total.latencies);
      return total;
    }
  }

  /** One worker's request and answer. */
  @FunctionalInterface
  public interface Exchange {
    /**
     * Sends the worker's next request and reads the whole answer.
     *
     * @param random the worker's own random source
     * @return the answer's status code
     */
    int send(SplittableRandom random) throws Exception;
  }

  private static final class Worker {
    private long[] latencies = new long[1 << 14];
    private int count;
    private long failures;

    Worker drive(Exchange exchange, SplittableRandom random, long deadline) {
      while (System.nanoTime() < deadline) {
        long started = System.nanoTime();
        try {
          if (exchange.send(random) == 200) {
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
