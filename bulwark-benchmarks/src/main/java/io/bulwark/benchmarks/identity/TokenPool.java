package io.bulwark.benchmarks.identity;

import io.bulwark.benchmarks.load.ClosedLoop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the identity drivers share: one HTTP client configuration for every server, client
 * authentication, and a pool of access tokens issued with client_credentials. Run on its own it
 * issues such a pool and prints it, one token a line, so that the validation drivers can be given
 * tokens whose issuance falls outside their measured window.
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.identity.TokenPool
 * <token-url> <client-id> <client-secret> [count=200] > tokens.txt}
 */
public final class TokenPool {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private TokenPool() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: TokenPool <token-url> <client-id> <client-secret> [count]");
      System.exit(2);
    }
    URI url = URI.create(args[0]);
    ClosedLoop.requireLoopback(url);
    int count = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    StringBuilder lines = new StringBuilder();
    for (String token : issue(ClosedLoop.keepAliveClient(), url, args[1], args[2], count)) {
      lines.append(token).append('\n');
    }
    System.out.print(lines);
  }

  /**
   * @return the tokens of a file written by {@link #main}
   * @throws IOException when the file cannot be read or holds no token
   */
  static List<String> read(Path file) throws IOException {
    List<String> tokens =
        Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    if (tokens.isEmpty()) {
      throw new IOException(file + " holds no token");
    }
    return tokens;
  }

  /**
   * HTTP/1.1 with keep-alive connections (one per worker), for every server alike: the JDK's
   * default would try an h2c upgrade, which one server may accept and the other not.
   */
  /** An RFC 6749 §2.3.1 {@code client_secret_basic} header value. */
  static String basic(String clientId, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @return {@code count} access tokens, each from its own client_credentials request
   * @throws IOException when the token endpoint answers anything but a token
   */
  static List<String> issue(
      HttpClient http, URI tokenUrl, String clientId, String secret, int count)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .header("Authorization", basic(clientId, secret))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher token = ACCESS_TOKEN.matcher(response.body());
      if (response.statusCode() != 200 || !token.find()) {
        throw new IOException(tokenUrl + " answered " + response.statusCode() + " without a token");
      }
      tokens.add(token.group(1));
    }
    return tokens;
  }
}
