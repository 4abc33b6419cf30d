package io.bulwark.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the server under test, with the bootstrap administrator's credentials. */
public final class TestApi {

  public static final String ADMIN_CLIENT_ID = "it-admin";

  /** Doubles as a log canary: it passes through every admin token request. */
  public static final String ADMIN_CLIENT_SECRET = "canary-client-secret-7f3c9a1e5b2d4c6f8a0b";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public TestApi(int port) {
    this.base = "http://localhost:" + port;
  }

  public String base() {
    return base;
  }

  /** A client_credentials token from a tenant issuer. */
  public String token(String tenant, String clientId, String secret) {
    Response response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/t/" + tenant + "/oauth2/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    if (response.status() != 200) {
      throw new IllegalStateException("token request failed: " + response);
    }
    return response.json().get("access_token").asString();
  }

  public String adminToken() {
    return token("system", ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
  }

  public Request request(String method, String path) {
    return new Request(method, path);
  }

  public Request get(String path) {
    return request("GET", path);
  }

  public Request post(String path) {
    return request("POST", path);
  }

  public Request patch(String path) {
    return request("PATCH", path);
  }

  Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request being built. */
  public final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request json(String json) {
      header("Content-Type", "application/json");
      body = HttpRequest.BodyPublishers.ofString(json);
      return this;
    }

    public Request body(String contentType, String content) {
      header("Content-Type", contentType);
      body = HttpRequest.BodyPublishers.ofString(content);
      return this;
    }

    public Response send() {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
      headers.forEach(builder::header);
      return TestApi.this.send(builder);
    }
  }

  /** A response, with its body parsed on demand. */
  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      return JSON.readTree(raw.body());
    }

    public String problemType() {
      return json().get("type").asString();
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }
}
