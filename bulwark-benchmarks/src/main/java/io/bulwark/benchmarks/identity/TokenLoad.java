package io.bulwark.benchmarks.identity;

import io.bulwark.benchmarks.load.ClosedLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;

/**
 * A closed-loop load driver for an OAuth 2.0 token endpoint: {@code concurrency} workers each send
 * client_credentials requests (client_secret_basic) back to back for a bounded time, after a
 * warm-up, over HTTP/1.1 keep-alive connections. It reports successful tokens per second and
 * latency percentiles. Loopback only.
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

    HttpClient http = TokenPool.http();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(TokenPool.TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();

    ClosedLoop.run(http, concurrency, warmup, random -> request);
    ClosedLoop.Result result = ClosedLoop.run(http, concurrency, seconds, random -> request);
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
