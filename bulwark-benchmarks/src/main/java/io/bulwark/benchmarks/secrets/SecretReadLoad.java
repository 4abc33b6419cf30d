package io.bulwark.benchmarks.secrets;

import io.bulwark.benchmarks.load.ClosedLoop;
import io.bulwark.benchmarks.load.Http1Connection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A closed-loop load driver for secret reads over HTTP: it sets up a fresh tenant with {@code
 * secrets} secrets of 256 characters, then {@code concurrency} workers read random ones ({@code GET
 * /api/v1/tenants/{slug}/secrets/bench/s-N}, bearer token, each read audited by the server) back to
 * back for a bounded time after a warm-up, and reports reads per second and latency percentiles.
 * Loopback only. Each worker reads over its own keep-alive connection with {@link Http1Connection},
 * which takes the shared cores far less CPU than {@code java.net.http.HttpClient} (that one is used
 * with {@code -Dbench.jdkHttpClient=true}, as before 2026-12-02).
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.secrets.SecretReadLoad
 * <base-url> <admin-client-id> <admin-client-secret> [concurrency=32] [seconds=30] [warmup=10]
 * [secrets=100]}
 */
public final class SecretReadLoad {

  private SecretReadLoad() {}

  /** One worker's own keep-alive connection, reading a random one of the secrets per request. */
  private static ClosedLoop.Exchange reader(URI base, byte[][] requests) {
    Http1Connection connection = new Http1Connection(base, 10_000);
    return random -> connection.exchange(requests[random.nextInt(requests.length)]);
  }

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
    ClosedLoop.Result warm;
    ClosedLoop.Result result;
    if (Boolean.getBoolean("bench.jdkHttpClient")) {
      List<HttpRequest> requests = new ArrayList<>();
      for (int i = 0; i < secrets; i++) {
        requests.add(
            HttpRequest.newBuilder(URI.create(vault.secretUrl("bench/s-" + i)))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
      }
      warm =
          ClosedLoop.run(
              vault.http, concurrency, warmup, random -> requests.get(random.nextInt(secrets)));
      result =
          ClosedLoop.run(
              vault.http, concurrency, seconds, random -> requests.get(random.nextInt(secrets)));
    } else {
      URI base = URI.create(vault.base);
      byte[][] requests = new byte[secrets][];
      for (int i = 0; i < secrets; i++) {
        requests[i] =
            Http1Connection.get(
                base,
                URI.create(vault.secretUrl("bench/s-" + i)).getRawPath(),
                "Authorization",
                "Bearer " + token);
      }
      warm = ClosedLoop.run(concurrency, warmup, () -> reader(base, requests));
      result = ClosedLoop.run(concurrency, seconds, () -> reader(base, requests));
    }
    System.out.println(
        String.format(
                Locale.ROOT,
                "%s secret reads concurrency=%d seconds=%d secrets=%d reads=%d failures=%d"
                    + " reads_per_s=%.0f p50_ms=%.2f p99_ms=%.2f",
                vault.base,
                concurrency,
                seconds,
                secrets,
                result.successes(),
                result.failures(),
                result.perSecond(),
                result.percentileMillis(0.50),
                result.percentileMillis(0.99))
            + " warmup_reads="
            + warm.successes()
            + " setup_writes="
            + secrets);
  }
}
