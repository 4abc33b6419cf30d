package io.bulwark.benchmarks.identity;

import io.bulwark.benchmarks.load.ClosedLoop;
import io.bulwark.benchmarks.load.Http1Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A closed-loop load driver for an OAuth 2.0 token endpoint: {@code concurrency} workers each send
 * client_credentials requests (client_secret_basic) back to back for a bounded time, after a
 * warm-up, each over its own HTTP/1.1 keep-alive connection ({@link Http1Connection}, which takes
 * the shared cores far less CPU than {@code java.net.http.HttpClient}; that one is used with {@code
 * -Dbench.jdkHttpClient=true}, as before 2026-12-02 06:10 UTC). It reports successful tokens per
 * second and latency percentiles. Loopback only.
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
    ClosedLoop.requireLoopback(url);
    String authorization = TokenPool.basic(args[1], args[2]);
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;

    ClosedLoop.Result result;
    if (Boolean.getBoolean("bench.jdkHttpClient")) {
      HttpClient http = ClosedLoop.keepAliveClient();
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .header("Authorization", authorization)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .timeout(TokenPool.TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
              .build();
      ClosedLoop.run(http, concurrency, warmup, random -> request);
      result = ClosedLoop.run(http, concurrency, seconds, random -> request);
    } else {
      byte[] request =
          Http1Connection.postForm(
              url,
              url.getRawPath(),
              "grant_type=client_credentials",
              "Authorization",
              authorization);
      Supplier<ClosedLoop.Exchange> connections =
          () -> {
            Http1Connection connection = new Http1Connection(url, 10_000);
            return random -> connection.exchange(request);
          };
      ClosedLoop.run(concurrency, warmup, connections);
      result = ClosedLoop.run(concurrency, seconds, connections);
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s concurrency=%d seconds=%d tokens=%d failures=%d tokens_per_s=%.0f p50_ms=%.2f"
                + " p99_ms=%.2f",
            url,
            concurrency,
            seconds,
            result.successes(),
            result.failures(),
            result.perSecond(),
            result.percentileMillis(0.50),
            result.percentileMillis(0.99)));
  }
}
