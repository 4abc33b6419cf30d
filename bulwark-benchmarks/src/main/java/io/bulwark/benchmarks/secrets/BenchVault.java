package io.bulwark.benchmarks.secrets;

import io.bulwark.benchmarks.load.ClosedLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh tenant on a running Bulwark server with one service client holding {@code tenant-admin}
 * and {@code secrets-reader}, set up through the public API with the bootstrap administrator.
 * Loopback only.
 */
final class BenchVault {

  final HttpClient http = ClosedLoop.keepAliveClient();
  final String base;
  final String slug;
  private final String clientSecret;

  private BenchVault(String base, String slug, String clientSecret) {
    this.base = base;
    this.slug = slug;
    this.clientSecret = clientSecret;
  }

  static BenchVault create(String base, String adminId, String adminSecret) throws Exception {
    ClosedLoop.requireLoopback(URI.create(base));
    BenchVault setup =
        new BenchVault(base, "bench-" + UUID.randomUUID().toString().substring(0, 8), "");
    String admin = setup.token("system", adminId, adminSecret);
    setup.expect(
        201,
        setup.send(
            "POST",
            "/api/v1/tenants",
            admin,
            "{\"slug\": \""
                + setup.slug
                + "\", \"display_name\": \"Bench\", \"region\": \"eu-west\"}"));
    String created =
        setup.expect(
            201,
            setup.send(
                "POST",
                "/api/v1/tenants/" + setup.slug + "/clients",
                admin,
                "{\"client_id\": \"bench-ops\", \"name\": \"bench\","
                    + " \"grant_types\": [\"client_credentials\"]}"));
    String secret = field(created, "client_secret");
    for (String role : new String[] {"tenant-admin", "secrets-reader"}) {
      setup.expect(
          204,
          setup.send(
              "PUT",
              "/api/v1/tenants/" + setup.slug + "/clients/bench-ops/roles/" + role,
              admin,
              "{}"));
    }
    return new BenchVault(base, setup.slug, secret);
  }

  /** A fresh token of the tenant's client (they live five minutes). */
  String token() throws Exception {
    return token(slug, "bench-ops", clientSecret);
  }

  String secretUrl(String path) {
    return base + "/api/v1/tenants/" + slug + "/secrets/" + path;
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  private String token(String tenant, String clientId, String secret) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/t/" + tenant + "/oauth2/token"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return field(expect(200, response), "access_token");
  }

  static String field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in the answer");
    }
    return matcher.group(1);
  }

  static long number(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9]+)").matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in the answer");
    }
    return Long.parseLong(matcher.group(1));
  }
}
