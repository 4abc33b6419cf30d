package io.bulwark.benchmarks.audit;

import io.bulwark.benchmarks.load.ClosedLoop;
import io.bulwark.benchmarks.load.Http1Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load driver for audit ingestion ({@code POST /api/v1/tenants/{slug}/audit/events}), loopback
 * only, bounded in time and in requests, over keep-alive HTTP/1.1 connections. The bearer token is
 * fetched with client_credentials and refreshed before it expires.
 *
 * <ul>
 *   <li>{@code batched}: a closed loop of {@code workers} each posting batches of {@code
 *       batch-size} realistic events back to back. Reports acknowledged (201) events/s and the
 *       batch latency p50/p99.
 *   <li>{@code single}: an open loop of one-event requests at a fixed {@code rate}, sent by 256
 *       senders each on its own keep-alive {@link Http1Connection}. Request {@code i} is due at
 *       {@code start + i / rate}; its latency is measured from that due time, not from when it was
 *       actually sent, so a stalled server is charged for the requests it delayed (no coordinated
 *       omission). Reports the achieved rate and p50/p90/p99/p99.9/max.
 * </ul>
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.audit.AuditIngestLoad
 * batched <base-url> <slug> <client-id> <client-secret> [workers=4] [seconds=30] [warmup=10]
 * [batch-size=1000]} or {@code ... single <base-url> <slug> <client-id> <client-secret> [rate=2000]
 * [seconds=30] [warmup=10]}.
 */
public final class AuditIngestLoad {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Connections of the open loop: how many single-event requests may be in flight at once. */
  private static final int SENDERS = 256;

  private AuditIngestLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || !(args[0].equals("batched") || args[0].equals("single"))) {
      System.err.println(
          "usage: AuditIngestLoad batched|single <base-url> <slug> <client-id> <client-secret>"
              + " [workers|rate] [seconds] [warmup] [batch-size]");
      System.exit(2);
    }
    URI base = URI.create(args[1].endsWith("/") ? args[1] : args[1] + "/");
    ClosedLoop.requireLoopback(base);
    String slug = args[2];
    HttpClient http = ClosedLoop.keepAliveClient();
    Tokens tokens = new Tokens(http, base.resolve("t/" + slug + "/oauth2/token"), args[3], args[4]);
    URI events = base.resolve("api/v1/tenants/" + slug + "/audit/events");
    int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 30;
    int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 10;
    if (args[0].equals("batched")) {
      int workers = args.length > 5 ? Integer.parseInt(args[5]) : 4;
      int batchSize = args.length > 8 ? Integer.parseInt(args[8]) : 1000;
      if (warmup > 0) {
        batched(http, tokens, events, workers, batchSize, warmup);
      }
      System.out.println(
          batched(http, tokens, events, workers, batchSize, seconds)
              .describe("batched", events, "workers=" + workers + " batch_size=" + batchSize));
    } else {
      int rate = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
      if (warmup > 0) {
        single(tokens, events, rate, warmup, SENDERS);
      }
      System.out.println(
          single(tokens, events, rate, seconds, SENDERS)
              .describe("single", events, "target_rate=" + rate));
    }
  }

  // ---------------------------------------------------------------- batched, closed loop

  private static Result batched(
      HttpClient http, Tokens tokens, URI events, int workers, int batchSize, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Latencies> loops =
        inParallel(
            workers,
            seed ->
                () -> {
                  Latencies latencies = new Latencies();
                  BatchTemplates templates = new BatchTemplates(new EventText(seed), batchSize);
                  while (System.nanoTime() < deadline) {
                    byte[] body = templates.next();
                    long started = System.nanoTime();
                    try {
                      HttpResponse<String> response =
                          http.send(
                              post(events, tokens.bearer(), body),
                              HttpResponse.BodyHandlers.ofString());
                      if (response.statusCode() == 201) {
                        latencies.record(System.nanoTime() - started);
                        latencies.events += batchSize;
                      } else {
                        latencies.failure(response.statusCode(), response.body());
                      }
                    } catch (Exception e) {
                      latencies.failure(-1, e.toString());
                    }
                  }
                  return latencies;
                });
    Result total = new Result(seconds);
    loops.forEach(total::add);
    return total;
  }

  /**
   * Runs {@code workers} tasks at once, each made from a seed of its own, and answers each one's
   * latencies once all are done.
   */
  private static List<Latencies> inParallel(int workers, LongFunction<Callable<Latencies>> task)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<Latencies>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(task.apply(w * 7919L + System.nanoTime())));
      }
      List<Latencies> all = new ArrayList<>();
      for (Future<Latencies> future : futures) {
        all.add(future.get());
      }
      return all;
    }
  }

  // ---------------------------------------------------------------- single, open loop

  /**
   * Request {@code i} is due at {@code start + i / rate}. Each of {@code connections} senders owns
   * a keep-alive {@link Http1Connection}, claims the next request in order, waits for its due time
   * and sends it; when every sender is still waiting for an answer, the next request is claimed
   * late and the wait is charged to its latency (like wrk2), so at most {@code connections} are in
   * flight and none is dropped.
   */
  private static Result single(Tokens tokens, URI events, int rate, int seconds, int connections)
      throws Exception {
    long count = (long) rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    AtomicLong next = new AtomicLong();
    AtomicLong maxLag = new AtomicLong();
    String path = events.getRawPath();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    List<Latencies> senders =
        inParallel(
            connections,
            seed ->
                () -> {
                  Latencies latencies = new Latencies();
                  EventText text = new EventText(seed);
                  Http1Connection connection =
                      new Http1Connection(events, (int) REQUEST_TIMEOUT.toMillis());
                  try (connection) {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                      long due = start + i * interval;
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        LockSupport.parkNanos(wait);
                      } else {
                        maxLag.accumulateAndGet(-wait, Math::max);
                      }
                      byte[] request =
                          Http1Connection.post(
                              events,
                              path,
                              "application/json",
                              text.batch(1).getBytes(StandardCharsets.UTF_8),
                              "Authorization",
                              "Bearer " + tokens.bearer());
                      try {
                        int status = connection.exchange(request);
                        if (status == 201) {
                          latencies.record(System.nanoTime() - due);
                          latencies.events++;
                        } else {
                          latencies.failure(status, "");
                        }
                      } catch (java.io.IOException e) {
                        latencies.failure(-1, e.toString());
                      }
                    }
                  }
                  return latencies;
                });
    Result result = new Result((System.nanoTime() - start) / 1e9);
    senders.forEach(result::add);
    result.note(
        String.format(
            Locale.ROOT, "connections=%d max_send_lag_ms=%.1f", connections, maxLag.get() / 1e6));
    return result;
  }

  private static HttpRequest post(URI events, String bearer, byte[] body) {
    return HttpRequest.newBuilder(events)
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /**
   * A few batch bodies generated up front; each send copies one and writes fresh random ids into
   * it, so every event is new to the log while the driver spends almost no CPU on JSON (it shares
   * the machine with the server).
   */
  static final class BatchTemplates {
    private static final byte[] ID_MARK = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] bodies;
    private final int[][] idOffsets;
    private final SplittableRandom random = new SplittableRandom();
    private int next;

    BatchTemplates(EventText text, int batchSize) {
      bodies = new byte[8][];
      idOffsets = new int[8][];
      for (int t = 0; t < bodies.length; t++) {
        bodies[t] = text.batch(batchSize).getBytes(StandardCharsets.UTF_8);
        idOffsets[t] = idOffsets(bodies[t], batchSize);
      }
    }

    byte[] next() {
      int t = next++ % bodies.length;
      byte[] body = bodies[t].clone();
      for (int offset : idOffsets[t]) {
        writeUuid(body, offset, random.nextLong(), random.nextLong());
      }
      return body;
    }

    private static int[] idOffsets(byte[] body, int count) {
      int[] offsets = new int[count];
      int found = 0;
      for (int i = 0; i + ID_MARK.length < body.length && found < count; i++) {
        if (java.util.Arrays.equals(body, i, i + ID_MARK.length, ID_MARK, 0, ID_MARK.length)) {
          offsets[found++] = i + ID_MARK.length;
        }
      }
      if (found != count) {
        throw new IllegalStateException("expected " + count + " ids, found " + found);
      }
      return offsets;
    }

    /** A random (version 4) UUID in its 36-character text form. */
    private static void writeUuid(byte[] out, int offset, long high, long low) {
      high = high & 0xffffffffffff0fffL | 0x4000L;
      low = low & 0x3fffffffffffffffL | 0x8000000000000000L;
      int position = offset;
      for (int nibble = 0; nibble < 32; nibble++) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) {
          out[position++] = '-';
        }
        long word = nibble < 16 ? high : low;
        int shift = 60 - 4 * (nibble % 16);
        out[position++] = HEX[(int) (word >>> shift) & 0xf];
      }
    }
  }

  // ---------------------------------------------------------------- events

  /** Realistic audit events (~550 bytes each): data access by users of a SaaS back office. */
  static final class EventText {
    private static final String[] ACTIONS = {
      "customer_record.read", "customer_record.update", "document.download", "secret.read",
      "user.login", "report.export", "consent.update", "role.grant"
    };
    private static final String[] CATEGORIES = {
      "data_access", "data_access", "data_access", "data_access",
      "authentication", "data_access", "privacy", "authorization"
    };
    private static final String[] CLASSIFICATIONS = {
      "customer_sensitive", "customer_non_sensitive", "internal", "customer_highly_sensitive"
    };
    private static final String[] AGENTS = {
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
      "billing-service/4.12.0 (+https://billing.internal)"
    };

    private final SplittableRandom random;
    private final StringBuilder out = new StringBuilder(600 * 1000);

    EventText(long seed) {
      this.random = new SplittableRandom(seed);
    }

    String batch(int size) {
      out.setLength(0);
      out.append("{\"events\":[");
      String now = Instant.now().toString();
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          out.append(',');
        }
        event(now);
      }
      return out.append("]}").toString();
    }

    private void event(String occurredAt) {
      int kind = random.nextInt(ACTIONS.length);
      int user = random.nextInt(50_000);
      out.append("{\"id\":\"")
          .append(
              new UUID(
                  random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                  random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L))
          .append("\",\"occurred_at\":\"")
          .append(occurredAt)
          .append("\",\"category\":\"")
          .append(CATEGORIES[kind])
          .append("\",\"action\":\"")
          .append(ACTIONS[kind])
          .append("\",\"outcome\":\"")
          .append(random.nextInt(20) == 0 ? "denied" : "success")
          .append("\",\"actor\":{\"type\":\"user\",\"id\":\"usr_")
          .append(user)
          .append("\",\"display\":\"Support agent ")
          .append(user)
          .append("\",\"ip\":\"10.")
          .append(random.nextInt(256))
          .append('.')
          .append(random.nextInt(256))
          .append('.')
          .append(random.nextInt(1, 255))
          .append("\",\"user_agent\":\"")
          .append(AGENTS[random.nextInt(AGENTS.length)])
          .append("\"},\"resource\":{\"type\":\"customer_record\",\"id\":\"cus_")
          .append(random.nextInt(1_000_000))
          .append("\"},\"purpose\":\"support_ticket\",\"classification\":\"")
          .append(CLASSIFICATIONS[random.nextInt(CLASSIFICATIONS.length)])
          .append("\",\"correlation_id\":\"req-")
          .append(Long.toHexString(random.nextLong()))
          .append("\",\"trace_id\":\"")
          .append(String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong()))
          .append("\",\"details\":{\"fields\":[\"email\",\"phone\",\"address\"],\"ticket\":")
          .append(random.nextInt(1_000_000))
          .append(",\"rows\":1}}");
    }
  }

  // ---------------------------------------------------------------- tokens

  /** A client_credentials token, fetched again when 80 % of its lifetime has passed. */
  static final class Tokens {
    private static final Pattern ACCESS_TOKEN =
        Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private final HttpClient http;
    private final HttpRequest request;
    private volatile String token = "";
    private volatile long refreshAt;

    Tokens(HttpClient http, URI tokenUrl, String clientId, String clientSecret) {
      this.http = http;
      String basic =
          Base64.getEncoder()
              .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
      this.request =
          HttpRequest.newBuilder(tokenUrl)
              .header("Authorization", "Basic " + basic)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
              .build();
    }

    String bearer() {
      if (System.nanoTime() - refreshAt >= 0) {
        refresh();
      }
      return token;
    }

    private synchronized void refresh() {
      long now = System.nanoTime();
      if (!token.isEmpty() && now - refreshAt < 0) {
        return;
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher access = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !access.find()) {
          throw new IllegalStateException("token endpoint answered " + response.statusCode());
        }
        Matcher expires = EXPIRES_IN.matcher(response.body());
        long lifetime = expires.find() ? Long.parseLong(expires.group(1)) : 300;
        token = access.group(1);
        refreshAt = now + TimeUnit.SECONDS.toNanos(lifetime) * 8 / 10;
      } catch (java.io.IOException e) {
        throw new IllegalStateException("token endpoint unreachable", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------- results

  private static final class Latencies {
    private long[] nanos = new long[1 << 12];
    private int count;
    private long events;
    private long failures;
    private String firstFailure = "";

    void record(long latency) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
    }

    void failure(int status, String detail) {
      if (failures++ == 0) {
        firstFailure = status + " " + detail.substring(0, Math.min(200, detail.length()));
      }
    }
  }

  private static final class Result {
    private final double seconds;
    private long[] latencies = new long[0];
    private long events;
    private long failures;
    private String firstFailure = "";
    private String note = "";

    Result(double seconds) {
      this.seconds = seconds;
    }

    void add(Latencies worker) {
      int offset = latencies.length;
      latencies = Arrays.copyOf(latencies, offset + worker.count);
      System.arraycopy(worker.nanos, 0, latencies, offset, worker.count);
      events += worker.events;
      if (failures == 0) {
        firstFailure = worker.firstFailure;
      }
      failures += worker.failures;
    }

    void note(String text) {
      note = " " + text;
    }

    String describe(String mode, URI url, String parameters) {
      Arrays.sort(latencies);
      return String.format(
              Locale.ROOT,
              "%s %s %s seconds=%.1f requests=%d events=%d failures=%d requests_per_s=%.0f"
                  + " events_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p99.9_ms=%.2f"
                  + " max_ms=%.2f%s",
              mode,
              url,
              parameters,
              seconds,
              latencies.length,
              events,
              failures,
              latencies.length / seconds,
              events / seconds,
              percentile(0.50),
              percentile(0.90),
              percentile(0.99),
              percentile(0.999),
              latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6,
              note)
          + (failures > 0 ? "\nfirst failure: " + firstFailure : "");
    }

    private double percentile(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, index)] / 1e6;
    }
  }
}
