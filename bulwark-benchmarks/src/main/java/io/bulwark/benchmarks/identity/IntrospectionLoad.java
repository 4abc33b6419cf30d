package io.bulwark.benchmarks.identity;

import io.bulwark.benchmarks.load.ClosedLoop;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A closed-loop load driver for an RFC 7662 token introspection endpoint, as a resource server
 * validating the access tokens it is sent: given a pool of valid tokens (a file written by {@link
 * TokenPool}), {@code concurrency} workers each introspect a random token of the pool back to back
 * (client_secret_basic of the resource-server client) for a bounded time, after a warm-up. Only a
 * {@code 200} saying {@code "active": true} counts as a validation; anything else is a failure.
 * Reports validations per second and latency percentiles. Loopback only.
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.identity.IntrospectionLoad
 * <tokens-file> <introspection-url> <resource-client-id> <resource-client-secret> [concurrency=16]
 * [seconds=30] [warmup-seconds=10]}
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class IntrospectionLoad {

  private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*true");

  private IntrospectionLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: IntrospectionLoad <tokens-file> <introspection-url> <resource-client-id>"
              + " <resource-client-secret> [concurrency] [seconds] [warmup]");
      System.exit(2);
    }
    List<String> pool = TokenPool.read(Path.of(args[0]));
    URI introspectionUrl = URI.create(args[1]);
    ClosedLoop.requireLoopback(introspectionUrl);
    int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 16;
    int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;
    int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10;

    HttpClient http = ClosedLoop.keepAliveClient();
    String authorization = TokenPool.basic(args[2], args[3]);
    HttpRequest[] requests =
        pool.stream()
            .map(token ->
                HttpRequest.newBuilder(introspectionUrl)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(TokenPool.TIMEOUT)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "token="
                                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                                + "&token_type_hint=access_token"))
                    .build())
            .toArray(HttpRequest[]::new);

    ClosedLoop.run(
        http,
        concurrency,
        warmup,
        random -> requests[random.nextInt(requests.length)],
        IntrospectionLoad::active);
    ClosedLoop.Result result =
        ClosedLoop.run(
            http,
            concurrency,
            seconds,
            random -> requests[random.nextInt(requests.length)],
            IntrospectionLoad::active);
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s concurrency=%d seconds=%d pool=%d validations=%d failures=%d validations_per_s=%.0f"
                + " p50_ms=%.2f p99_ms=%.2f",
            introspectionUrl,
            concurrency,
            seconds,
            pool.size(),
            result.successes(),
            result.failures(),
            result.perSecond(),
            result.percentileMillis(0.50),
            result.percentileMillis(0.99)));
  }

  private static boolean active(String body) {
    return ACTIVE.matcher(body).find();
  }
}
