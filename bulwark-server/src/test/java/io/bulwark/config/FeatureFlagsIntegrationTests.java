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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Feature flags over HTTP: definitions, evaluation, stable rollouts, history, audit, access. */
@BulwarkIntegrationTest
class FeatureFlagsIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";
  private static final String CHECKOUT =
      """
      {"type": "string", "description": "Checkout flow", "default": "classic", "off": "classic",
       "rules": [
         {"description": "EU pilot",
          "clauses": [{"attribute": "country", "op": "in", "values": ["DE", "FR"]},
                      {"attribute": "app_version", "op": "semver_gt", "values": ["2.3.0"]}],
          "serve": "one-page"},
         {"clauses": [{"attribute": "email", "op": "ends_with", "values": ["@acme.test"]}],
          "serve": "staff-preview"}],
       "rollout": {"percentage": 30, "by": "user_id", "serve": "one-page"}}
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
  void putThenReadReturnsTheFlagWithAGeneratedSaltAndItsVersionAsETag() {
    Response written = put("new-checkout", CHECKOUT);
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(written.header("ETag")).isEqualTo("\"1\"");
    Response read = api.get(flag("new-checkout")).bearer(service).send();
    assertThat(read.status()).isEqualTo(200);
    JsonNode body = read.json();
    assertThat(body.get("type").asString()).isEqualTo("string");
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("rules")).hasSize(2);
    assertThat(body.get("rollout").get("percentage").asInt()).isEqualTo(30);
    assertThat(body.get("salt").asString()).matches("[0-9a-f]{16}");
    Response unchanged =
        api.get(flag("new-checkout")).bearer(service).header("If-None-Match", "\"1\"").send();
    assertThat(unchanged.status()).isEqualTo(304);
  }

  @Test
  void evaluateServesRuleMatchesRolloutAndDefaultWithTheirReasons() {
    put(
        "new-checkout",
        CHECKOUT.replace("{\"type\": \"string\",", "{\"salt\": \"it\", \"type\": \"string\","));
    JsonNode pilot =
        evaluate(
            "new-checkout",
            "{\"context\": {\"country\": \"DE\", \"app_version\": \"2.10.1\", \"user_id\": \"u\"}}");
    assertThat(pilot.get("value").asString()).isEqualTo("one-page");
    assertThat(pilot.get("reason").asString()).isEqualTo("rule_match");
    assertThat(pilot.get("rule_index").asInt()).isZero();
    assertThat(pilot.get("version").asInt()).isEqualTo(1);

    JsonNode staff = evaluate("new-checkout", "{\"context\": {\"email\": \"ann@acme.test\"}}");
    assertThat(staff.get("value").asString()).isEqualTo("staff-preview");
    assertThat(staff.get("rule_index").asInt()).isEqualTo(1);

    JsonNode anonymous = evaluate("new-checkout", "{\"context\": {}}");
    assertThat(anonymous.get("value").asString()).isEqualTo("classic");
    assertThat(anonymous.get("reason").asString()).isEqualTo("default");
    assertThat(anonymous.has("rule_index")).isFalse();

    Set<String> reasons = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      reasons.add(
          evaluate("new-checkout", "{\"context\": {\"user_id\": \"user-" + i + "\"}}")
              .get("reason")
              .asString());
    }
    assertThat(reasons).containsExactlyInAnyOrder("rollout", "default");
  }

  @Test
  void disabledFlagEvaluatesToItsOffValue() {
    put(
        "kill-switch",
        "{\"type\": \"boolean\", \"enabled\": false, \"default\": true, \"off\": false}");
    JsonNode evaluation = evaluate("kill-switch", "{\"context\": {\"user_id\": \"u1\"}}");
    assertThat(evaluation.get("value").asBoolean()).isFalse();
    assertThat(evaluation.get("reason").asString()).isEqualTo("disabled");
  }

  @Test
  void evaluateAllAnswersEveryFlagInKeyOrder() {
    put("b-flag", "{\"type\": \"number\", \"default\": 3}");
    put("a-flag", "{\"type\": \"json\", \"default\": {\"layout\": \"grid\"}}");
    Response response =
        api.post("/api/v1/tenants/" + slug + "/config/evaluate")
            .bearer(service)
            .json("{\"context\": {\"user_id\": \"u1\"}}")
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode flags = response.json().get("flags");
    assertThat(flags.propertyNames()).containsExactly("a-flag", "b-flag");
    assertThat(flags.get("a-flag").get("value").get("layout").asString()).isEqualTo("grid");
    assertThat(flags.get("b-flag").get("value").asInt()).isEqualTo(3);
    assertThat(response.json().get("revision").asLong()).isEqualTo(2);
  }

  @Test
  void raisingTheRolloutKeepsTheSaltAndEveryoneAlreadyIn() {
    put("gradual", rolloutAt(10).replaceFirst("\\{", "{\"salt\": \"it\", "));
    String salt = api.get(flag("gradual")).bearer(service).send().json().get("salt").asString();
    Set<String> atTen = servedUsers("gradual");
    Response raised = put("gradual", rolloutAt(40));
    assertThat(raised.json().get("salt").asString()).isEqualTo(salt);
    Set<String> atForty = servedUsers("gradual");
    assertThat(atForty).containsAll(atTen);
    assertThat(atForty.size()).isGreaterThan(atTen.size());
  }

  @Test
  void flagChangesAreVersionedWithPatchesAndAudited() throws SQLException {
    put("versioned", rolloutAt(10));
    put("versioned", rolloutAt(20));
    assertThat(api.request("DELETE", flag("versioned")).bearer(developer).send().status())
        .isEqualTo(204);

    JsonNode items =
        api.get(flag("versioned") + "/history").bearer(service).send().json().get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("change").asString()).isEqualTo("deleted");
    JsonNode patch = items.get(1).get("patch");
    assertThat(patch).hasSize(1);
    assertThat(patch.get(0).get("op").asString()).isEqualTo("replace");
    assertThat(patch.get(0).get("path").asString()).isEqualTo("/rollout/percentage");
    assertThat(patch.get(0).get("value").asInt()).isEqualTo(20);

    List<String> actions = new ArrayList<>();
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select action from audit_entries where tenant_id = ? and resource_type ="
                    + " 'feature_flag' and resource_id = 'versioned' and category ="
                    + " 'configuration' order by idx")) {
      statement.setObject(1, tenant.value());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          actions.add(rs.getString(1));
        }
      }
    }
    assertThat(actions)
        .containsExactly("config.flag_changed", "config.flag_changed", "config.flag_deleted");
  }

  @Test
  void listAnswersNotModifiedWhileNoFlagChanged() {
    put("listed", rolloutAt(5));
    Response list = api.get("/api/v1/tenants/" + slug + "/config/flags").bearer(service).send();
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("items")).hasSize(1);
    String tag = list.header("ETag");
    assertThat(
            api.get("/api/v1/tenants/" + slug + "/config/flags")
                .bearer(service)
                .header("If-None-Match", tag)
                .send()
                .status())
        .isEqualTo(304);
  }

  @Test
  void unknownOperatorThenInvalidFieldNamingIt() {
    Response response =
        put(
            "bad-op",
            "{\"type\": \"boolean\", \"default\": false, \"rules\": [{\"clauses\":"
                + " [{\"attribute\": \"country\", \"op\": \"like\", \"values\": [\"D%\"]}],"
                + " \"serve\": true}]}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("rules[0].clauses[0].op");
  }

  @Test
  void percentageOutOfRangeThenInvalidField() {
    Response response = put("bad-rollout", rolloutAt(101));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("rollout.percentage");
  }

  @Test
  void servedValueOfTheWrongTypeOrUnknownTypeThenInvalidField() {
    Response wrongValue = put("bad-value", "{\"type\": \"boolean\", \"default\": \"yes\"}");
    assertThat(wrongValue.status()).isEqualTo(400);
    assertThat(wrongValue.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(wrongValue.json().get("field").asString()).isEqualTo("default");
    Response unknownType = put("bad-type", "{\"type\": \"date\", \"default\": \"2026-01-01\"}");
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.json().get("field").asString()).isEqualTo("type");
  }

  @Test
  void unknownFieldThenUnknownField() {
    Response response =
        put("bad-field", "{\"type\": \"boolean\", \"default\": false, \"variations\": [true]}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "unknown-field");
    assertThat(response.json().get("field").asString()).isEqualTo("variations");
    put("ok-flag", "{\"type\": \"boolean\", \"default\": false}");
    Response evaluation =
        api.post(flag("ok-flag") + "/evaluate")
            .bearer(service)
            .json("{\"context\": {}, \"user\": \"u1\"}")
            .send();
    assertThat(evaluation.status()).isEqualTo(400);
    assertThat(evaluation.problemType()).isEqualTo(PROBLEMS + "unknown-field");
  }

  @Test
  void contextWithNestedObjectThenInvalidField() {
    put("ctx-flag", "{\"type\": \"boolean\", \"default\": false}");
    Response response =
        api.post(flag("ctx-flag") + "/evaluate")
            .bearer(service)
            .json("{\"context\": {\"user\": {\"id\": \"u1\"}}}")
            .send();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("context.user");
  }

  @Test
  void flagOverSixtyFourKibibytesThenPayloadTooLarge() {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      ids.append(i == 0 ? "" : ", ")
          .append('"')
          .append("user-")
          .append("x".repeat(60))
          .append(i)
          .append('"');
    }
    Response response =
        put(
            "huge-flag",
            "{\"type\": \"boolean\", \"default\": false, \"rules\": [{\"clauses\":"
                + " [{\"attribute\": \"user_id\", \"op\": \"in\", \"values\": ["
                + ids
                + "]}], \"serve\": true}]}");
    assertThat(response.status()).as(response.toString()).isEqualTo(413);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "payload-too-large");
  }

  @Test
  void credentialInAFlagThenInvalidField() {
    Response response =
        put(
            "leaky-flag",
            "{\"type\": \"json\", \"default\": {\"endpoint\":"
                + " \"https://bot:hunter2-pass@hooks.example.com/x\"}}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.body()).doesNotContain("hunter2");
  }

  @Test
  void writeWithStaleIfMatchThenPreconditionFailed() {
    put("cas-flag", rolloutAt(1));
    put("cas-flag", rolloutAt(2));
    Response stale =
        api.request("PUT", flag("cas-flag"))
            .bearer(developer)
            .header("If-Match", "\"1\"")
            .json(rolloutAt(3))
            .send();
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.problemType()).isEqualTo(PROBLEMS + "precondition-failed");
  }

  @Test
  void missingFlagThenNotFound() {
    for (Response response :
        List.of(
            api.get(flag("never-made")).bearer(service).send(),
            api.post(flag("never-made") + "/evaluate").bearer(service).json("{}").send(),
            api.get(flag("never-made") + "/history").bearer(service).send(),
            api.request("DELETE", flag("never-made")).bearer(developer).send())) {
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
    }
  }

  @Test
  void tokenWithoutConfigPermissionThenForbidden() {
    put("guarded-flag", rolloutAt(1));
    Response evaluation =
        api.post(flag("guarded-flag") + "/evaluate").bearer(support).json("{}").send();
    assertThat(evaluation.status()).isEqualTo(403);
    assertThat(evaluation.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response readerWrites =
        api.request("PUT", flag("guarded-flag")).bearer(service).json(rolloutAt(2)).send();
    assertThat(readerWrites.status()).isEqualTo(403);
    assertThat(readerWrites.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void anotherTenantsTokenThenForbidden() {
    put("private-flag", rolloutAt(1));
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    clients.register(globexId, "intruder", "intruder-secret-0123", "config-reader");
    String intruder = api.token(globex.slug(), "intruder", "intruder-secret-0123");
    Response response =
        api.post(flag("private-flag") + "/evaluate").bearer(intruder).json("{}").send();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  private Set<String> servedUsers(String key) {
    Response response;
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      response =
          api.post(flag(key) + "/evaluate")
              .bearer(service)
              .json("{\"context\": {\"user_id\": \"user-" + i + "\"}}")
              .send();
      if (response.json().get("value").asBoolean()) {
        served.add("user-" + i);
      }
    }
    return served;
  }

  private static String rolloutAt(int percentage) {
    return "{\"type\": \"boolean\", \"default\": false, \"rollout\": {\"percentage\": "
        + percentage
        + ", \"by\": \"user_id\", \"serve\": true}}";
  }

  private JsonNode evaluate(String key, String body) {
    Response response = api.post(flag(key) + "/evaluate").bearer(service).json(body).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private Response put(String key, String json) {
    return api.request("PUT", flag(key)).bearer(developer).json(json).send();
  }

  private String flag(String key) {
    return "/api/v1/tenants/" + slug + "/config/flags/" + key;
  }
}
