package io.bulwark.benchmarks.audit;

import io.bulwark.benchmarks.load.ClosedLoop;
import io.bulwark.benchmarks.load.Http1Connection;
import io.bulwark.ledger.merkle.Rfc9162InclusionProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.SignedNote;
import io.bulwark.ledger.note.TlogCheckpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load driver for the audit ledger's read side over HTTP, loopback only, on keep-alive HTTP/1.1
 * connections; the bearer token is fetched with client_credentials and refreshed before it expires.
 *
 * <ul>
 *   <li>{@code fill}: posts exactly {@code entries} realistic events (batches of {@code
 *       batch-size}, {@code workers} in parallel) through {@code POST …/audit/events}, the server's
 *       own write path, so the rows and tiles are exactly what it writes.
 *   <li>{@code inclusion}: first checks a few proofs against the latest signed checkpoint, then a
 *       closed loop of {@code workers} each asking {@code GET …/audit/proofs/inclusion} for a
 *       random index against the current tree size, each over its own keep-alive {@link
 *       Http1Connection}: {@code warmup} seconds unmeasured (so the driver's own JIT is done), a
 *       line {@code measuring}, then {@code seconds} measured. Reports proofs/s and p50/p99/p99.9.
 *   <li>{@code consistency}: the same for {@code GET …/audit/proofs/consistency} from a random size
 *       to the current one.
 *   <li>{@code verify}: one {@code POST …/audit/verify} of the whole log; reports leaves/s.
 * </ul>
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.audit.AuditProofLoad
 * <mode> <base-url> <slug> <issuer-slug> <client-id> <client-secret> [fill: entries workers
 * batch-size | inclusion, consistency: workers seconds warmup]}. The client is issued by {@code
 * issuer-slug} ({@code system} for a platform client) and needs {@code audit:write}, {@code
 * audit:read} or {@code audit:verify} as the mode asks.
 */
public final class AuditProofLoad {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int CHECKED_PROOFS = 50;

  private AuditProofLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println(
          "usage: AuditProofLoad fill|inclusion|consistency|verify <base-url> <slug> <issuer-slug>"
              + " <client-id> <client-secret> [...]");
      System.exit(2);
    }
    URI base = URI.create(args[1].endsWith("/") ? args[1] : args[1] + "/");
    ClosedLoop.requireLoopback(base);
    String slug = args[2];
    HttpClient http = ClosedLoop.keepAliveClient();
    AuditIngestLoad.Tokens tokens =
        new AuditIngestLoad.Tokens(
            http, base.resolve("t/" + args[3] + "/oauth2/token"), args[4], args[5]);
    URI audit = base.resolve("api/v1/tenants/" + slug + "/audit/");
    switch (args[0]) {
      case "fill" ->
          fill(
              http,
              tokens,
              audit.resolve("events"),
              Long.parseLong(arg(args, 6, "10000000")),
              Integer.parseInt(arg(args, 7, "4")),
              Integer.parseInt(arg(args, 8, "1000")));
      case "inclusion", "consistency" ->
          proofs(
              http,
              tokens,
              audit,
              args[0].equals("inclusion"),
              Integer.parseInt(arg(args, 6, "4")),
              Integer.parseInt(arg(args, 7, "30")),
              Integer.parseInt(arg(args, 8, "10")));
      case "verify" -> verify(http, tokens, audit.resolve("verify"));
      default -> {
        System.err.println("unknown mode " + args[0]);
        System.exit(2);
      }
    }
  }

  private static String arg(String[] args, int index, String fallback) {
    return args.length > index ? args[index] : fallback;
  }

  // ---------------------------------------------------------------- fill

  private static void fill(
      HttpClient http,
      AuditIngestLoad.Tokens tokens,
      URI events,
      long entries,
      int workers,
      int batchSize)
      throws Exception {
    if (entries % batchSize != 0) {
      throw new IllegalArgumentException("entries must be a multiple of the batch size");
    }
    AtomicLong batchesLeft = new AtomicLong(entries / batchSize);
    AtomicLong posted = new AtomicLong();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        long seed = w * 7919L + System.nanoTime();
        futures.add(
            pool.submit(() -> {
              AuditIngestLoad.BatchTemplates templates =
                  new AuditIngestLoad.BatchTemplates(
                      new AuditIngestLoad.EventText(seed), batchSize);
              while (batchesLeft.getAndDecrement() > 0) {
                postUntilAccepted(http, tokens, events, templates.next());
                long done = posted.addAndGet(batchSize);
                if (done % 500_000 == 0) {
                  System.out.printf(
                      Locale.ROOT,
                      "filled %d in %.0f s%n",
                      done,
                      (System.nanoTime() - started) / 1e9);
                }
              }
              return null;
            }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "fill events=%d seconds=%.1f events_per_s=%.0f workers=%d batch_size=%d%n",
        posted.get(),
        seconds,
        posted.get() / seconds,
        workers,
        batchSize);
  }

  /**
   * A batch either commits whole or not at all, and its events carry ids: on a failure it is sent
   * again, and any event a lost answer had already appended comes back as a duplicate, not twice.
   */
  private static void postUntilAccepted(
      HttpClient http, AuditIngestLoad.Tokens tokens, URI events, byte[] body) {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(events)
                    .header("Authorization", "Bearer " + tokens.bearer())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201) {
          return;
        }
        if (attempt >= 5) {
          throw new IllegalStateException("events answered " + response.statusCode());
        }
      } catch (java.io.IOException e) {
        if (attempt >= 5) {
          throw new IllegalStateException("events unreachable", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------- proofs

  private static void proofs(
      HttpClient http,
      AuditIngestLoad.Tokens tokens,
      URI audit,
      boolean inclusion,
      int workers,
      int seconds,
      int warmup)
      throws Exception {
    TlogCheckpoint checkpoint =
        TlogCheckpoint.parse(
            SignedNote.parse(get(http, tokens, audit.resolve("checkpoint"))).text());
    long size = checkpoint.treeSize();
    if (size < 2) {
      throw new IllegalStateException("the log has " + size + " entries");
    }
    int pathLengths = checkProofs(http, tokens, audit, inclusion, checkpoint);
    String proofs =
        audit.resolve(inclusion ? "proofs/inclusion" : "proofs/consistency").getRawPath();
    java.util.function.Supplier<ClosedLoop.Exchange> exchanges =
        () -> {
          Http1Connection connection = new Http1Connection(audit, 10_000);
          return random -> {
            String query =
                inclusion
                    ? "?index=" + random.nextLong(size) + "&size=" + size
                    : "?from=" + random.nextLong(1, size) + "&to=" + size;
            return connection.exchange(
                Http1Connection.get(
                    audit, proofs + query, "Authorization", "Bearer " + tokens.bearer()));
          };
        };
    if (warmup > 0) {
      ClosedLoop.run(workers, warmup, exchanges);
    }
    // The script takes its CPU readings from here on.
    System.out.println("measuring");
    System.out.flush();
    ClosedLoop.Result result = ClosedLoop.run(workers, seconds, exchanges);
    System.out.printf(
        Locale.ROOT,
        "%s proofs=%d failures=%d proofs_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
            + " p999_ms=%.2f"
            + " tree_size=%d workers=%d seconds=%d checked=%d mean_path=%.1f%n",
        inclusion ? "inclusion" : "consistency",
        result.successes(),
        result.failures(),
        result.perSecond(),
        result.percentileMillis(0.50),
        result.percentileMillis(0.90),
        result.percentileMillis(0.99),
        result.percentileMillis(0.999),
        size,
        workers,
        seconds,
        CHECKED_PROOFS,
        pathLengths / (double) CHECKED_PROOFS);
  }

  /**
   * Inclusion proofs are checked against the signed checkpoint's root (the leaf hash the server
   * sends must lead to it); consistency proofs only for their RFC 9162 length, since the old root
   * is not at hand. A benchmark of wrong answers would measure nothing.
   *
   * @return the sum of the checked proofs' path lengths
   */
  private static int checkProofs(
      HttpClient http,
      AuditIngestLoad.Tokens tokens,
      URI audit,
      boolean inclusion,
      TlogCheckpoint checkpoint)
      throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    long size = checkpoint.treeSize();
    int lengths = 0;
    for (int i = 0; i < CHECKED_PROOFS; i++) {
      if (inclusion) {
        long index = random.nextLong(size);
        JsonNode proof =
            JSON.readTree(
                get(
                    http,
                    tokens,
                    audit.resolve("proofs/inclusion?index=" + index + "&size=" + size)));
        List<Sha256Hash> path = hashes(proof);
        Sha256Hash leaf = Sha256Hash.fromBase64(proof.get("leaf_hash").asString());
        if (!new Rfc9162InclusionProof(index, size, path).verify(leaf, checkpoint.rootHash())) {
          throw new IllegalStateException("inclusion proof of " + index + " does not verify");
        }
        lengths += path.size();
      } else {
        long from = random.nextLong(1, size);
        JsonNode proof =
            JSON.readTree(
                get(
                    http,
                    tokens,
                    audit.resolve("proofs/consistency?from=" + from + "&to=" + size)));
        List<Sha256Hash> path = hashes(proof);
        if (path.isEmpty() || path.size() > 2 * 64) {
          throw new IllegalStateException("consistency proof from " + from + " has no path");
        }
        lengths += path.size();
      }
    }
    return lengths;
  }

  private static List<Sha256Hash> hashes(JsonNode proof) {
    List<Sha256Hash> path = new ArrayList<>();
    for (JsonNode hash : proof.get("hashes")) {
      path.add(Sha256Hash.fromBase64(hash.asString()));
    }
    return path;
  }

  private static String get(HttpClient http, AuditIngestLoad.Tokens tokens, URI uri)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + tokens.bearer())
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode());
    }
    return response.body();
  }

  // ---------------------------------------------------------------- verify

  private static void verify(HttpClient http, AuditIngestLoad.Tokens tokens, URI verify)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(verify)
            .header("Authorization", "Bearer " + tokens.bearer())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofHours(1))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;
    if (response.statusCode() != 200) {
      throw new IllegalStateException("verify answered " + response.statusCode());
    }
    JsonNode result = JSON.readTree(response.body());
    long leaves = result.get("to").asLong() - result.get("from").asLong();
    System.out.printf(
        Locale.ROOT,
        "verify intact=%s leaves=%d seconds=%.2f leaves_per_s=%.0f response=%s%n",
        result.get("intact").asBoolean(),
        leaves,
        seconds,
        leaves / seconds,
        response.body());
  }
}
