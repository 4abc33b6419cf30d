package io.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.subtle.PrfHmacJce;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.vault.SecretRotationWebhooks;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rotation report ({@code ?rotation=overdue|due}) and the signed rotation webhook. */
@BulwarkIntegrationTest
class SecretRotationReportIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired SecretRotationWebhooks webhooks;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  String slug;
  TenantId tenant;
  String ops;
  String reader;
  HttpServer receiver;
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(200);

  @BeforeEach
  void tenantWithAgeingSecrets() throws Exception {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    slug = acme.slug();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "ops", "ops-secret-1", "tenant-admin");
    clients.register(tenant, "reader", "reader-secret-1", "secrets-reader");
    ops = api.token(slug, "ops", "ops-secret-1");
    reader = api.token(slug, "reader", "reader-secret-1");

    write("a/overdue", "{\"rotation_period\": \"P90D\", \"owner\": \"team-a\"}");
    write("b/due-soon", "{\"rotation_period\": \"P90D\"}");
    write("c/no-period", "{}");
    write("d/expired", "{\"expires_at\": \"2020-01-01T00:00:00Z\"}");
    write(
        "e/expires-soon",
        "{\"expires_at\": \"" + java.time.Instant.now().plusSeconds(3 * 86400) + "\"}");
    write("f/fresh", "{\"rotation_period\": \"P90D\"}");
    age("a/overdue", 100);
    age("b/due-soon", 85);
    age("c/no-period", 400);

    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          deliveries.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst("X-Bulwark-Signature"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void overdueListsSecretsPastTheirRotationPeriodOrExpiry() {
    Response response = report("?rotation=overdue", reader);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode items = response.json().get("items");
    assertThat(paths(items)).containsExactly("a/overdue", "d/expired");
    assertThat(items.get(0).get("status").asString()).isEqualTo("overdue");
    assertThat(items.get(0).get("reasons").get(0).asString()).isEqualTo("rotation");
    assertThat(items.get(0).get("owner").asString()).isEqualTo("team-a");
    assertThat(items.get(0).get("rotation_due_at").isNull()).isFalse();
    assertThat(items.get(1).get("reasons").get(0).asString()).isEqualTo("expiry");
    assertThat(response.body()).doesNotContain("value-of");
  }

  @Test
  void dueAlsoListsWhatComesDueWithinTheWindow() {
    JsonNode items = report("?rotation=due", reader).json().get("items");
    assertThat(paths(items))
        .containsExactly("a/overdue", "b/due-soon", "d/expired", "e/expires-soon");
    assertThat(items.get(1).get("status").asString()).isEqualTo("due");
    assertThat(items.get(3).get("status").asString()).isEqualTo("due");

    assertThat(paths(report("?rotation=due&within=P1D", reader).json().get("items")))
        .containsExactly("a/overdue", "d/expired");
    assertThat(paths(report("?rotation=due&within=P30D&prefix=b/", reader).json().get("items")))
        .containsExactly("b/due-soon");
  }

  @Test
  void reportPagesWithACursor() {
    Response first = report("?rotation=due&limit=3", ops);
    assertThat(paths(first.json().get("items"))).hasSize(3);
    String cursor = first.json().get("next_cursor").asString();
    Response second = report("?rotation=due&limit=3&cursor=" + cursor, ops);
    assertThat(paths(second.json().get("items"))).containsExactly("e/expires-soon");
  }

  @Test
  void badRotationParametersThenInvalidParameter() {
    for (String query :
        List.of(
            "?rotation=soon",
            "?rotation=due&within=banana",
            "?rotation=due&within=P400D",
            "?rotation=due&within=-P1D",
            "?rotation=overdue&within=P1D",
            "?within=P1D")) {
      Response response = report(query, reader);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.problemType()).as(query).isEqualTo(PROBLEMS + "invalid-parameter");
    }
  }

  @Test
  void webhookGetsASignedNotificationOncePerDueSecretVersion() throws Exception {
    Response configured = configureWebhook("http://127.0.0.1:" + receiverPort() + "/hook");
    assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    assertThat(configured.header("Cache-Control")).contains("no-store");
    String secret = configured.json().get("signing_secret").asString();
    assertThat(secret).startsWith("whsec_");

    assertThat(webhooks.notifyDue(tenant)).isEqualTo(2);

    assertThat(deliveries).hasSize(2);
    JsonMapper json = JsonMapper.builder().build();
    List<String> notified = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      String[] parts = delivery.signature().split(",");
      assertThat(parts[0]).startsWith("t=");
      assertThat(parts[1]).startsWith("v1=");
      String signed = parts[0].substring(2) + "." + delivery.body();
      byte[] expected =
          new PrfHmacJce(
                  "HMACSHA256", new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HMAC"))
              .compute(signed.getBytes(StandardCharsets.UTF_8), 32);
      assertThat(parts[1].substring(3)).isEqualTo(HexFormat.of().formatHex(expected));
      JsonNode body = json.readTree(delivery.body());
      assertThat(body.get("type").asString()).isEqualTo("secret.rotation_due");
      notified.add(body.get("path").asString());
      assertThat(delivery.body()).doesNotContain("value-of");
    }
    assertThat(notified).containsExactlyInAnyOrder("a/overdue", "d/expired");
    assertThat(audited("secret.rotation_due_notified", "success")).isEqualTo(2);

    assertThat(webhooks.notifyDue(tenant)).isZero();
    assertThat(deliveries).hasSize(2);
  }

  @Test
  void webhookAnsweringAnErrorIsRetriedOnTheNextRun() throws Exception {
    configureWebhook("http://127.0.0.1:" + receiverPort() + "/hook");
    answer.set(500);
    assertThat(webhooks.notifyDue(tenant)).isZero();
    assertThat(audited("secret.rotation_due_notified", "failure")).isEqualTo(2);
    answer.set(204);
    assertThat(webhooks.notifyDue(tenant)).isEqualTo(2);
  }

  @Test
  void webhookUrlThatIsNotHttpThenInvalidField() {
    for (String url :
        List.of(
            "ftp://127.0.0.1/x", "file:///etc/passwd", "/relative", "http://user:pw@h/x", "::")) {
      Response response = configureWebhook(url);
      assertThat(response.status()).as(url).isEqualTo(400);
      assertThat(response.problemType()).as(url).isEqualTo(PROBLEMS + "invalid-field");
    }
  }

  @Test
  void webhookUrlOnAPrivateOrLocalNetworkThenInvalidField() {
    for (String url :
        List.of(
            "http://10.1.2.3/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://192.168.1.10/hook",
            "http://172.16.0.1/hook",
            "http://100.64.0.1/hook",
            "http://0.0.0.0:8080/hook",
            "http://[::1]:8080/hook",
            "http://[fd00::1]/hook",
            "http://[fe80::1]/hook",
            "http://[::ffff:10.0.0.1]/hook")) {
      Response response = configureWebhook(url);
      assertThat(response.status()).as(url).isEqualTo(400);
      assertThat(response.problemType()).as(url).isEqualTo(PROBLEMS + "invalid-field");
      assertThat(response.body()).as(url).contains("public addresses");
    }
  }

  @Test
  void webhookManagementNeedsSecretsAdminAndUnknownWebhookIsNotFound() {
    Response byReader =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secret-rotation-webhook")
            .bearer(reader)
            .json("{\"url\": \"http://127.0.0.1/hook\"}")
            .send();
    assertThat(byReader.status()).isEqualTo(403);
    assertThat(byReader.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response missing =
        api.get("/api/v1/tenants/" + slug + "/secret-rotation-webhook").bearer(ops).send();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.problemType()).isEqualTo(PROBLEMS + "not-found");

    configureWebhook("https://hooks.example.com/rotation");
    Response found =
        api.get("/api/v1/tenants/" + slug + "/secret-rotation-webhook").bearer(ops).send();
    assertThat(found.json().get("url").asString()).isEqualTo("https://hooks.example.com/rotation");
    assertThat(found.body()).doesNotContain("whsec_");
    assertThat(
            api.request("DELETE", "/api/v1/tenants/" + slug + "/secret-rotation-webhook")
                .bearer(ops)
                .send()
                .status())
        .isEqualTo(204);
    assertThat(
            api.request("DELETE", "/api/v1/tenants/" + slug + "/secret-rotation-webhook")
                .bearer(ops)
                .send()
                .status())
        .isEqualTo(404);
  }

  private Response configureWebhook(String url) {
    return api.request("PUT", "/api/v1/tenants/" + slug + "/secret-rotation-webhook")
        .bearer(ops)
        .json("{\"url\": \"" + url + "\"}")
        .send();
  }

  private int receiverPort() {
    return receiver.getAddress().getPort();
  }

  private Response report(String query, String token) {
    return api.get("/api/v1/tenants/" + slug + "/secrets" + query).bearer(token).send();
  }

  private static List<String> paths(JsonNode items) {
    List<String> paths = new ArrayList<>();
    items.forEach(item -> paths.add(item.get("path").asString()));
    return paths;
  }

  private void write(String path, String metadata) {
    Response response =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secrets/" + path)
            .bearer(ops)
            .json("{\"value\": \"value-of-" + path + "\", \"metadata\": " + metadata + "}")
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private void age(String path, int days) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "update secret_versions set created_at = now() - make_interval(days => ?)"
                    + " where tenant_id = ? and path = ?")) {
      statement.setInt(1, days);
      statement.setObject(2, tenant.value());
      statement.setString(3, path);
      assertThat(statement.executeUpdate()).isPositive();
    }
  }

  private long audited(String action, String outcome) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from audit_entries where tenant_id = ? and action = ?"
                    + " and outcome = ?")) {
      statement.setObject(1, tenant.value());
      statement.setString(2, action);
      statement.setString(3, outcome);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private record Delivery(String signature, String body) {}
}
