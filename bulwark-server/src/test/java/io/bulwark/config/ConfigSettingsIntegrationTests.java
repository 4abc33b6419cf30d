package io.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Typed tenant settings over HTTP: schemas, versions, conditional reads, history, audit, access.
 */
@BulwarkIntegrationTest
class ConfigSettingsIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";
  private static final String TIMEOUT =
      """
      {"type": "number", "value": 30, "description": "Checkout session timeout, minutes",
       "schema": {"minimum": 1, "maximum": 240, "integer": true}}
      """;

  @LocalServerPort int port;
  @Autowired TestClients clients;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  String slug;
  TenantId tenant;
  String developer;
  String service;
  String support;

  @BeforeEach
  void tenantWithConfigClients() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    slug = acme.slug();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "dev", "dev-secret-0123456789", "product-developer");
    clients.register(tenant, "svc", "svc-secret-0123456789", "config-reader");
    clients.register(tenant, "support", "support-secret-0123456789", "product-support");
    developer = api.token(slug, "dev", "dev-secret-0123456789");
    service = api.token(slug, "svc", "svc-secret-0123456789");
    support = api.token(slug, "support", "support-secret-0123456789");
  }

  @Test
  void putThenReadReturnsTheTypedValueWithItsVersionAsETag() {
    Response written = put("checkout.session-timeout", TIMEOUT);
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(written.header("ETag")).isEqualTo("\"1\"");
    assertThat(written.json().get("version").asInt()).isEqualTo(1);

    Response read = api.get(setting("checkout.session-timeout")).bearer(service).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(read.header("Cache-Control")).contains("no-cache");
    JsonNode body = read.json();
    assertThat(body.get("key").asString()).isEqualTo("checkout.session-timeout");
    assertThat(body.get("type").asString()).isEqualTo("number");
    assertThat(body.get("value").asInt()).isEqualTo(30);
    assertThat(body.get("schema").get("maximum").asInt()).isEqualTo(240);
    assertThat(body.get("description").asString()).startsWith("Checkout");
    assertThat(body.get("updated_at").asString()).isNotBlank();
  }

  @Test
  void readWithMatchingIfNoneMatchThenNotModifiedUntilTheSettingChanges() {
    put("feature.banner", "{\"type\": \"string\", \"value\": \"hello\"}");
    Response unchanged =
        api.get(setting("feature.banner")).bearer(service).header("If-None-Match", "\"1\"").send();
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.header("ETag")).isEqualTo("\"1\"");
    assertThat(unchanged.body()).isEmpty();

    put("feature.banner", "{\"type\": \"string\", \"value\": \"bonjour\"}");
    Response changed =
        api.get(setting("feature.banner"))
            .bearer(service)
            .header("If-None-Match", "W/\"0\", \"1\"")
            .send();
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isEqualTo("\"2\"");
    assertThat(changed.json().get("value").asString()).isEqualTo("bonjour");
  }

  @Test
  void listCarriesARevisionETagThatMovesOnlyWhenSomethingChanges() {
    put("a.one", "{\"type\": \"boolean\", \"value\": true}");
    Response first = api.get(settings()).bearer(service).send();
    assertThat(first.status()).isEqualTo(200);
    String tag = first.header("ETag");
    assertThat(tag).isNotNull();

    Response polled = api.get(settings()).bearer(service).header("If-None-Match", tag).send();
    assertThat(polled.status()).isEqualTo(304);

    Response same = put("a.one", "{\"type\": \"boolean\", \"value\": true}");
    assertThat(same.json().get("version").asInt()).as("an unchanged write").isEqualTo(1);
    assertThat(api.get(settings()).bearer(service).header("If-None-Match", tag).send().status())
        .isEqualTo(304);

    put("a.two", "{\"type\": \"number\", \"value\": 2}");
    Response moved = api.get(settings()).bearer(service).header("If-None-Match", tag).send();
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.header("ETag")).isNotEqualTo(tag);
    assertThat(moved.json().get("items")).hasSize(2);
  }

  @Test
  void listPagesInKeyOrderAndFiltersByPrefix() {
    for (String key : List.of("ui.theme", "billing.currency", "ui.locale", "ui.density")) {
      put(key, "{\"type\": \"string\", \"value\": \"x\"}");
    }
    Response page = api.get(settings() + "?prefix=ui.&limit=2").bearer(service).send();
    assertThat(keys(page.json())).containsExactly("ui.density", "ui.locale");
    String cursor = page.json().get("next_cursor").asString();
    Response next =
        api.get(settings() + "?prefix=ui.&limit=2&cursor=" + cursor).bearer(service).send();
    assertThat(keys(next.json())).containsExactly("ui.theme");
    assertThat(next.json().has("next_cursor")).isFalse();

    Response badLimit = api.get(settings() + "?limit=0").bearer(service).send();
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
    Response badPrefix = api.get(settings() + "?prefix=UI").bearer(service).send();
    assertThat(badPrefix.status()).isEqualTo(400);
    assertThat(badPrefix.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void everyChangeIsVersionedWithItsJsonPatchAndDeletionKeepsTheHistory() {
    put("limits.rate", "{\"type\": \"number\", \"value\": 100}");
    put("limits.rate", "{\"type\": \"number\", \"value\": 250, \"description\": \"per minute\"}");
    Response deleted = api.request("DELETE", setting("limits.rate")).bearer(developer).send();
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get(setting("limits.rate")).bearer(service).send().status()).isEqualTo(404);
    Response recreated = put("limits.rate", "{\"type\": \"number\", \"value\": 50}");
    assertThat(recreated.json().get("version").asInt()).isEqualTo(4);

    Response history = api.get(setting("limits.rate") + "/history?limit=3").bearer(service).send();
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    JsonNode items = history.json().get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("version").asInt()).isEqualTo(4);
    assertThat(items.get(0).get("change").asString()).isEqualTo("created");
    assertThat(items.get(1).get("change").asString()).isEqualTo("deleted");
    assertThat(items.get(1).has("document")).isFalse();
    JsonNode update = items.get(2);
    assertThat(update.get("change").asString()).isEqualTo("updated");
    assertThat(update.get("actor").get("type").asString()).isEqualTo("service");
    assertThat(update.get("document").get("value").asInt()).isEqualTo(250);
    List<String> operations = new ArrayList<>();
    update
        .get("patch")
        .forEach(op -> operations.add(op.get("op").asString() + " " + op.get("path").asString()));
    assertThat(operations).containsExactlyInAnyOrder("replace /value", "add /description");

    String cursor = history.json().get("next_cursor").asString();
    Response older =
        api.get(setting("limits.rate") + "/history?limit=3&cursor=" + cursor)
            .bearer(service)
            .send();
    JsonNode first = older.json().get("items");
    assertThat(first).hasSize(1);
    assertThat(first.get(0).get("change").asString()).isEqualTo("created");
    assertThat(first.get(0).get("patch").get(0).get("path").asString()).isEmpty();
  }

  @Test
  void everyChangeIsAuditedWithItsPurposeAndWithoutTheValue() throws SQLException {
    api.request("PUT", setting("audit.me"))
        .bearer(developer)
        .header("X-Bulwark-Purpose", "raise the limit for the sale")
        .json("{\"type\": \"string\", \"value\": \"planted-config-value-91\"}")
        .send();
    api.request("PUT", setting("audit.me"))
        .bearer(developer)
        .json("{\"type\": \"string\", \"value\": \"planted-config-value-92\"}")
        .send();
    api.request("DELETE", setting("audit.me")).bearer(developer).send();

    List<String> rows =
        ownerStrings(
            "select action || ' ' || category || ' ' || resource_type || ' ' || resource_id"
                + " from audit_entries where tenant_id = ? and resource_id = 'audit.me'"
                + " order by idx");
    assertThat(rows)
        .containsExactly(
            "config.setting_changed configuration config_setting audit.me",
            "config.setting_changed configuration config_setting audit.me",
            "config.setting_deleted configuration config_setting audit.me");
    List<String> bodies =
        ownerStrings(
            "select convert_from(body, 'UTF8') from audit_entries where tenant_id = ?"
                + " and resource_id = 'audit.me' order by idx");
    assertThat(bodies.get(0)).contains("raise the limit for the sale").contains("\"created\"");
    assertThat(bodies.get(1)).contains("replace /value").contains("\"version\":2");
    assertThat(String.join("\n", bodies)).doesNotContain("planted-config-value");
  }

  @Test
  void refusedWriteIsNeitherStoredNorAudited() throws SQLException {
    put("refused.one", TIMEOUT);
    Response refused = put("refused.one", TIMEOUT.replace("\"value\": 30", "\"value\": 999"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(
            ownerStrings(
                "select action from audit_entries where tenant_id = ?"
                    + " and resource_id = 'refused.one'"))
        .hasSize(1);
    assertThat(api.get(setting("refused.one")).bearer(service).send().json().get("value").asInt())
        .isEqualTo(30);
  }

  @Test
  void concurrentWritersGetGaplessVersionsAndOneAuditEventEach() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Response>> responses = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "{\"type\": \"number\", \"value\": " + i + "}";
        responses.add(pool.submit(() -> put("race.key", body)));
      }
      Set<Integer> versions = new TreeSet<>();
      for (Future<Response> response : responses) {
        Response done = response.get(60, TimeUnit.SECONDS);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        versions.add(done.json().get("version").asInt());
      }
      assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            ownerStrings(
                "select action from audit_entries where tenant_id = ?"
                    + " and resource_id = 'race.key'"))
        .hasSize(writers);
  }

  @Test
  void concurrentCreateOnlyWritersLetExactlyOneWin() throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Response>> responses = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "{\"type\": \"number\", \"value\": " + i + "}";
        responses.add(pool.submit(() -> putIfMatch("race.create", "\"0\"", body)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> response : responses) {
        statuses.add(response.get(60, TimeUnit.SECONDS).status());
      }
      assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
      assertThat(statuses).filteredOn(status -> status == 412).hasSize(writers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writeWithStaleIfMatchThenPreconditionFailed() {
    put("cas.key", "{\"type\": \"number\", \"value\": 1}");
    put("cas.key", "{\"type\": \"number\", \"value\": 2}");
    Response stale = putIfMatch("cas.key", "\"1\"", "{\"type\": \"number\", \"value\": 3}");
    assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
    assertThat(stale.problemType()).isEqualTo(PROBLEMS + "precondition-failed");
    Response notNew = putIfMatch("cas.key", "\"0\"", "{\"type\": \"number\", \"value\": 3}");
    assertThat(notNew.status()).isEqualTo(412);
    Response staleDelete =
        api.request("DELETE", setting("cas.key"))
            .bearer(developer)
            .header("If-Match", "\"1\"")
            .send();
    assertThat(staleDelete.status()).isEqualTo(412);
    assertThat(staleDelete.problemType()).isEqualTo(PROBLEMS + "precondition-failed");

    Response fresh = putIfMatch("cas.key", "\"2\"", "{\"type\": \"number\", \"value\": 3}");
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    assertThat(fresh.header("ETag")).isEqualTo("\"3\"");
    Response created = putIfMatch("cas.new", "\"0\"", "{\"type\": \"number\", \"value\": 3}");
    assertThat(created.status()).isEqualTo(200);
  }

  @Test
  void malformedIfMatchThenInvalidParameter() {
    Response response = putIfMatch("cas.odd", "W/\"1\"", "{\"type\": \"number\", \"value\": 1}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void valueBreakingItsSchemaThenInvalidFieldNamingValue() {
    Response response = put("bad.value", TIMEOUT.replace("\"value\": 30", "\"value\": 0"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("value");
    assertThat(response.json().get("detail").asString()).contains("at least 1");
  }

  @Test
  void schemaChangeThatTheCurrentValueBreaksThenInvalidField() {
    put("schema.change", TIMEOUT);
    Response narrowed =
        put("schema.change", TIMEOUT.replace("\"maximum\": 240", "\"maximum\": 10"));
    assertThat(narrowed.status()).isEqualTo(400);
    assertThat(narrowed.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(narrowed.json().get("field").asString()).isEqualTo("value");
  }

  @Test
  void valueOfTheWrongTypeOrAnUnknownTypeThenInvalidField() {
    Response wrongType = put("typed.one", "{\"type\": \"number\", \"value\": \"30\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(wrongType.json().get("field").asString()).isEqualTo("value");
    Response unknownType = put("typed.two", "{\"type\": \"float\", \"value\": 3.5}");
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(unknownType.json().get("field").asString()).isEqualTo("type");
    Response missingValue = put("typed.three", "{\"type\": \"json\"}");
    assertThat(missingValue.status()).isEqualTo(400);
    assertThat(missingValue.problemType()).isEqualTo(PROBLEMS + "invalid-field");
  }

  @Test
  void changingTheTypeOfAnExistingSettingThenInvalidState() {
    put("typed.fixed", "{\"type\": \"number\", \"value\": 3}");
    Response changed = put("typed.fixed", "{\"type\": \"string\", \"value\": \"3\"}");
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.problemType()).isEqualTo(PROBLEMS + "invalid-state");
  }

  @Test
  void unknownFieldOrSchemaKeywordThenUnknownField() {
    Response body = put("unknown.one", "{\"type\": \"number\", \"value\": 3, \"unit\": \"s\"}");
    assertThat(body.status()).isEqualTo(400);
    assertThat(body.problemType()).isEqualTo(PROBLEMS + "unknown-field");
    assertThat(body.json().get("field").asString()).isEqualTo("unit");
    Response keyword =
        put("unknown.two", "{\"type\": \"number\", \"value\": 3, \"schema\": {\"maxValue\": 9}}");
    assertThat(keyword.status()).isEqualTo(400);
    assertThat(keyword.problemType()).isEqualTo(PROBLEMS + "unknown-field");
    assertThat(keyword.json().get("field").asString()).isEqualTo("schema.maxValue");
  }

  @Test
  void badKeyThenInvalidParameter() {
    for (String key : List.of("Upper", "-leading", "has%20space", "a".repeat(129), "a:b")) {
      Response response = put(key, "{\"type\": \"number\", \"value\": 1}");
      assertThat(response.status()).as(key).isEqualTo(400);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
      assertThat(response.json().get("parameter").asString()).isEqualTo("key");
    }
  }

  @Test
  void valueOverSixtyFourKibibytesThenPayloadTooLarge() {
    String big = "x".repeat(70 * 1024);
    Response response = put("big.value", "{\"type\": \"string\", \"value\": \"" + big + "\"}");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "payload-too-large");
  }

  @Test
  void credentialLookingValueThenInvalidFieldPointingToTheVault() {
    Response response =
        put(
            "db.url",
            "{\"type\": \"string\", \"value\": \"postgres://app:s3cr3t-pw@db.internal/app\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("detail").asString()).contains("vault");
    assertThat(response.body()).doesNotContain("s3cr3t-pw");
  }

  @Test
  void malformedJsonThenMalformedRequest() {
    Response response = put("broken.body", "{\"type\": ");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "malformed-request");
  }

  @Test
  void missingSettingThenNotFound() {
    for (Response response :
        List.of(
            api.get(setting("never.written")).bearer(service).send(),
            api.get(setting("never.written") + "/history").bearer(service).send(),
            api.request("DELETE", setting("never.written")).bearer(developer).send())) {
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
    }
  }

  @Test
  void tokenWithoutConfigPermissionThenForbidden() {
    put("guarded.one", "{\"type\": \"number\", \"value\": 1}");
    Response read = api.get(setting("guarded.one")).bearer(support).send();
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response readerWrites =
        api.request("PUT", setting("guarded.one"))
            .bearer(service)
            .json("{\"type\": \"number\", \"value\": 2}")
            .send();
    assertThat(readerWrites.status()).isEqualTo(403);
    assertThat(readerWrites.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response readerDeletes = api.request("DELETE", setting("guarded.one")).bearer(service).send();
    assertThat(readerDeletes.status()).isEqualTo(403);
  }

  @Test
  void anotherTenantsTokenThenForbidden() {
    put("private.one", "{\"type\": \"number\", \"value\": 1}");
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    clients.register(globexId, "intruder", "intruder-secret-0123", "product-developer");
    String intruder = api.token(globex.slug(), "intruder", "intruder-secret-0123");

    for (Response response :
        List.of(
            api.get(setting("private.one")).bearer(intruder).send(),
            api.get(settings()).bearer(intruder).send(),
            api.request("PUT", setting("private.one"))
                .bearer(intruder)
                .json("{\"type\": \"number\", \"value\": 2}")
                .send())) {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
    }
  }

  private Response put(String key, String json) {
    return api.request("PUT", setting(key)).bearer(developer).json(json).send();
  }

  private Response putIfMatch(String key, String ifMatch, String json) {
    return api.request("PUT", setting(key))
        .bearer(developer)
        .header("If-Match", ifMatch)
        .json(json)
        .send();
  }

  private String settings() {
    return "/api/v1/tenants/" + slug + "/config/settings";
  }

  private String setting(String key) {
    return settings() + "/" + key;
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.get("items").forEach(item -> keys.add(item.get("key").asString()));
    return keys;
  }

  private List<String> ownerStrings(String sql) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, tenant.value());
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    }
  }
}
