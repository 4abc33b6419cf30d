package io.bulwark.benchmarks.secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Times the rewrap of {@code secrets} secrets after a data-key rotation: it writes them to a fresh
 * tenant over HTTP ({@code writers} at once), calls {@code POST …/secrets-keys/rotate}, polls
 * {@code GET …/secrets-keys/rewrap} until it completes, and reports the server's own start and end
 * timestamps. Loopback only.
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.secrets.SecretRewrapTiming
 * <base-url> <admin-client-id> <admin-client-secret> [secrets=100000] [writers=8]}
 */
public final class SecretRewrapTiming {

  /** Tokens live five minutes; the writers take a new one well before. */
  private static final Duration TOKEN_REFRESH = Duration.ofMinutes(3);

  private SecretRewrapTiming() {}

  public static void main(String[] args) throws Exception {
    int secrets = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    int writers = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    BenchVault vault = BenchVault.create(args[0], args[1], args[2]);
    AtomicReference<String> token = new AtomicReference<>(vault.token());
    AtomicLong tokenAt = new AtomicLong(System.nanoTime());
    String value = "{\"value\": \"" + "v".repeat(256) + "\"}";

    long writeStart = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(
            pool.submit(() -> {
              for (int i = next.getAndIncrement(); i < secrets; i = next.getAndIncrement()) {
                long issued = tokenAt.get();
                if (System.nanoTime() - issued > TOKEN_REFRESH.toNanos()
                    && tokenAt.compareAndSet(issued, System.nanoTime())) {
                  token.set(vault.token());
                }
                vault.expect(
                    200,
                    vault.send(
                        "PUT",
                        "/api/v1/tenants/" + vault.slug + "/secrets/rewrap/s-" + i,
                        token.get(),
                        value));
              }
              return null;
            }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    double writeSeconds = (System.nanoTime() - writeStart) / 1e9;

    String admin = vault.token();
    long wallStart = System.nanoTime();
    vault.expect(
        202,
        vault.send("POST", "/api/v1/tenants/" + vault.slug + "/secrets-keys/rotate", admin, null));
    String progress;
    while (true) {
      progress =
          vault.expect(
              200,
              vault.send(
                  "GET", "/api/v1/tenants/" + vault.slug + "/secrets-keys/rewrap", admin, null));
      if (progress.contains("\"state\":\"completed\"")) {
        break;
      }
      Thread.sleep(200);
    }
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    Duration server =
        Duration.between(
            Instant.parse(BenchVault.field(progress, "started_at")),
            Instant.parse(BenchVault.field(progress, "completed_at")));
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s rewrap secrets=%d written_in_s=%.1f writes_per_s=%.0f rewrapped=%d failed=%d"
                + " rewrap_s=%.2f rewrap_per_s=%.0f wall_s=%.2f",
            vault.base,
            secrets,
            writeSeconds,
            secrets / writeSeconds,
            BenchVault.number(progress, "rewrapped"),
            BenchVault.number(progress, "failed"),
            server.toMillis() / 1000.0,
            BenchVault.number(progress, "rewrapped") / (server.toMillis() / 1000.0),
            wallSeconds));
  }
}
