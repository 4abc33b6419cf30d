package io.bulwark.identity;

import static io.bulwark.identity.LoginIntegrationTests.claims;
import static io.bulwark.identity.LoginIntegrationTests.post;
import static io.bulwark.identity.LoginIntegrationTests.signInAndAuthorize;
import static io.bulwark.identity.LoginIntegrationTests.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bulwark.audit.AuditLedger;
import io.bulwark.platform.TenantContext;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestAudit;
import io.bulwark.support.TestBrowser;
import io.bulwark.support.TestBrowser.Pkce;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestSignIns;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BulwarkIntegrationTest
class IdentitySettingsIntegrationTests {

  static final String PROBLEMS = "https://bulwark.io/problems/";
  static final String TOKENS_DEFAULT =
      """
      {"access_token_ttl": "PT5M", "refresh_token_ttl": "PT1H", "authorization_code_ttl": "PT5M",
       "id_token_ttl": "PT30M"}\
      """;
  static final String LOCKOUT_DEFAULT =
      """
      {"max_failures_per_account": 5, "max_failures_per_address": 20,
       "base_lockout": "PT1M", "max_lockout": "PT1H", "failure_reset": "P1D"}\
      """;

  @LocalServerPort int port;
  @Autowired TestClients testClients;
  @Autowired AuditLedger ledger;
  @Autowired JdbcClient jdbc;

  TestSignIns acme;

  @BeforeEach
  void tenantWithAdministrator() {
    acme = new TestSignIns(port, testClients, "alice");
  }

  @Test
  void tokenLifetimesWhenNeverSetThenDefaults() {
    Response tokens = acme.api.get(path(acme, "tokens")).bearer(acme.admin).send();

    assertThat(tokens.status()).isEqualTo(200);
    assertThat(tokens.json().get("access_token_ttl").asString()).isEqualTo("PT5M");
    assertThat(tokens.json().get("refresh_token_ttl").asString()).isEqualTo("PT1H");
    assertThat(tokens.json().get("authorization_code_ttl").asString()).isEqualTo("PT5M");
    assertThat(tokens.json().get("id_token_ttl").asString()).isEqualTo("PT30M");
    JsonNode issued = clientCredentials(acme);
    assertThat(lifetime(issued)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void accessTokenLifetimeWhenChangedThenTheNextTokenLastsThatLongAndOtherTenantsKeepTheirs() {
    TestSignIns globex = new TestSignIns(port, testClients, "bob");
    assertThat(lifetime(clientCredentials(acme))).isEqualTo(Duration.ofMinutes(5));

    Response put = putTokens(acme, "PT2M", "P30D", "PT1M");

    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("access_token_ttl").asString()).isEqualTo("PT2M");
    assertThat(put.json().get("refresh_token_ttl").asString()).isEqualTo("P30D");
    assertThat(
            acme.api
                .get(path(acme, "tokens"))
                .bearer(acme.admin)
                .send()
                .json()
                .get("refresh_token_ttl")
                .asString())
        .isEqualTo("P30D");
    JsonNode issued = clientCredentials(acme);
    assertThat(lifetime(issued)).isEqualTo(Duration.ofMinutes(2));
    assertThat(issued.get("expires_in").asLong()).isCloseTo(120, within(2L));
    JsonNode elsewhere = clientCredentials(globex);
    assertThat(lifetime(elsewhere)).isEqualTo(Duration.ofMinutes(5));
    assertThat(elsewhere.get("expires_in").asLong()).isCloseTo(300, within(2L));
  }

  @Test
  void refreshTokenCodeAndIdTokenLifetimesApplyToTheAuthorizationCodeFlow() {
    assertThat(put(acme, "tokens", tokensJson("PT10M", "P7D", "PT2M", "PT3M")).status())
        .isEqualTo(200);
    TestBrowser browser = new TestBrowser(port);
    Pkce pkce = Pkce.create();

    String code = signInAndAuthorize(browser, acme, "alice", pkce, "s", "n", "web");
    JsonNode tokens = LoginIntegrationTests.exchangeWeb(acme, code, pkce);

    assertThat(lifetime(tokens)).isEqualTo(Duration.ofMinutes(10));
    JsonNode idToken =
        JsonMapper.builder()
            .build()
            .readTree(
                java.util.Base64.getUrlDecoder()
                    .decode(tokens.get("id_token").asString().split("\\.")[1]));
    assertThat(idToken.get("exp").asLong() - idToken.get("iat").asLong()).isEqualTo(180);
    Map<String, Object> stored =
        TenantContext.callAs(
            acme.tenant,
            () ->
                jdbc.sql(
                        "select authorization_code_issued_at, authorization_code_expires_at,"
                            + " refresh_token_issued_at, refresh_token_expires_at"
                            + " from oauth2_authorization where registered_client_id ="
                            + " (select id from oauth2_registered_client where client_id = 'web')")
                    .query()
                    .singleRow());
    assertThat(between(stored, "authorization_code")).isEqualTo(Duration.ofMinutes(2));
    assertThat(between(stored, "refresh_token")).isEqualTo(Duration.ofDays(7));
    JsonNode refreshed =
        token(
            acme,
            "grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token").asString());
    assertThat(lifetime(refreshed)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void tokenLifetimeChangeIsAuditedWithTheOldAndNewValues() {
    putTokens(acme, "PT2M", "P30D", "PT1M");

    String entry = auditEntry(acme, "settings.tokens_changed");
    JsonNode details = JsonMapper.builder().build().readTree(entry).get("details");
    assertThat(details.get("from").get("access_token_ttl").asString()).isEqualTo("PT5M");
    assertThat(details.get("from").get("refresh_token_ttl").asString()).isEqualTo("PT1H");
    assertThat(details.get("to").get("access_token_ttl").asString()).isEqualTo("PT2M");
    assertThat(details.get("to").get("refresh_token_ttl").asString()).isEqualTo("P30D");
    assertThat(entry).contains("\"category\":\"configuration\"").contains("\"settings\"");
  }

  @Test
  void badTokenLifetimesAreRejectedNamingTheFieldAndChangeNothing() {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry(tokensJson("PT59S", "PT1H", "PT5M"), "access_token_ttl"),
            Map.entry(tokensJson("PT1H1M", "PT1H", "PT5M"), "access_token_ttl"),
            Map.entry(tokensJson("five minutes", "PT1H", "PT5M"), "access_token_ttl"),
            Map.entry(tokensJson("PT90.5S", "PT1H", "PT5M"), "access_token_ttl"),
            Map.entry(tokensJson("-PT5M", "PT1H", "PT5M"), "access_token_ttl"),
            Map.entry(tokensJson("PT5M", "PT9M", "PT5M"), "refresh_token_ttl"),
            Map.entry(tokensJson("PT5M", "P91D", "PT5M"), "refresh_token_ttl"),
            Map.entry(tokensJson("PT5M", "P1M", "PT5M"), "refresh_token_ttl"),
            Map.entry(tokensJson("PT5M", "PT1H", "PT11M"), "authorization_code_ttl"),
            Map.entry(tokensJson("PT5M", "PT1H", "PT0S"), "authorization_code_ttl"),
            Map.entry(tokensJson("PT5M", "PT1H", "PT5M", "PT59S"), "id_token_ttl"),
            Map.entry(tokensJson("PT5M", "PT1H", "PT5M", "PT2H"), "id_token_ttl"),
            Map.entry(
                "{\"access_token_ttl\": \"PT5M\", \"refresh_token_ttl\": \"PT1H\","
                    + " \"authorization_code_ttl\": \"PT5M\"}",
                "id_token_ttl"),
            Map.entry(
                "{\"refresh_token_ttl\": \"PT1H\", \"authorization_code_ttl\": \"PT5M\"}",
                "access_token_ttl"),
            Map.entry(
                "{\"access_token_ttl\": \"PT5M\", \"refresh_token_ttl\": \"PT1H\"}",
                "authorization_code_ttl"),
            Map.entry(
                "{\"access_token_ttl\": [\"PT5M\"], \"refresh_token_ttl\": \"PT1H\","
                    + " \"authorization_code_ttl\": \"PT5M\"}",
                "access_token_ttl"));
    bad.forEach((body, field) -> assertInvalidField(acme, "tokens", body, field));

    Response unknown =
        put(acme, "tokens", TOKENS_DEFAULT.replace("}", ", \"device_code_ttl\": \"PT5M\"}"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.problemType()).isEqualTo(PROBLEMS + "unknown-field");
    Response malformed = put(acme, "tokens", "{\"access_token_ttl\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.problemType()).isEqualTo(PROBLEMS + "malformed-request");
    assertThat(lifetime(clientCredentials(acme))).isEqualTo(Duration.ofMinutes(5));
    assertThat(TestAudit.actions(ledger, acme.tenant)).doesNotContain("settings.tokens_changed");
  }

  @Test
  void lockoutPolicyWhenNeverSetThenOnWithTheDefaults() {
    Response lockout = acme.api.get(path(acme, "lockout")).bearer(acme.admin).send();

    assertThat(lockout.status()).isEqualTo(200);
    JsonNode expected = JsonMapper.builder().build().readTree(LOCKOUT_DEFAULT);
    assertThat(lockout.json()).isEqualTo(expected);
  }

  @Test
  void failuresOlderThanTheFailureResetStartTheCountAfresh() {
    Response put =
        put(
            acme,
            "lockout",
            """
            {"max_failures_per_account": 3, "max_failures_per_address": 20,
             "base_lockout": "PT1M", "max_lockout": "PT10M", "failure_reset": "PT15M"}\
            """);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    TestBrowser attacker = new TestBrowser(port);
    for (int i = 0; i < 2; i++) {
      attacker.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }
    TenantContext.runAs(
        acme.tenant,
        () ->
            jdbc.sql(
                    "update sign_in_throttles set updated_at = updated_at - interval '16 minutes'"
                        + " where tenant_id = ? and subject = 'account:alice'")
                .param(acme.tenant.value())
                .update());

    for (int i = 0; i < 2; i++) {
      attacker.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }

    assertThat(signInWithTheRightPassword(acme)).doesNotEndWith("/login?error");
    assertThat(TestAudit.actions(ledger, acme.tenant)).doesNotContain("login.locked_out");
  }

  @Test
  void loweredAccountLimitLocksSooner() {
    TestBrowser attacker = new TestBrowser(port);
    for (int i = 0; i < 3; i++) {
      attacker.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }
    assertThat(signInWithTheRightPassword(acme)).doesNotEndWith("/login?error");
    assertThat(TestAudit.actions(ledger, acme.tenant)).doesNotContain("login.locked_out");

    Response put =
        put(
            acme,
            "lockout",
            """
            {"max_failures_per_account": 3, "max_failures_per_address": 20,
             "base_lockout": "PT5M", "max_lockout": "P1D", "failure_reset": "P1D"}\
            """);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.json().get("max_lockout").asString()).isEqualTo("P1D");
    for (int i = 0; i < 3; i++) {
      attacker.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }

    assertThat(signInWithTheRightPassword(acme)).endsWith("/login?error");
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("login.locked_out");
    Instant lockedUntil =
        TenantContext.callAs(
            acme.tenant,
            () ->
                jdbc.sql(
                        "select locked_until from sign_in_throttles where subject ="
                            + " 'account:alice'")
                    .query(java.sql.Timestamp.class)
                    .single()
                    .toInstant());
    assertThat(Duration.between(Instant.now(), lockedUntil))
        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
  }

  @Test
  void lockoutChangeIsAuditedWithTheOldAndNewValues() {
    put(
        acme,
        "lockout",
        """
        {"max_failures_per_account": 3, "max_failures_per_address": 100,
         "base_lockout": "PT30S", "max_lockout": "PT2H", "failure_reset": "PT12H"}\
        """);

    JsonNode details =
        JsonMapper.builder()
            .build()
            .readTree(auditEntry(acme, "settings.lockout_changed"))
            .get("details");
    assertThat(details.get("from").get("max_failures_per_account").asInt()).isEqualTo(5);
    assertThat(details.get("from").get("base_lockout").asString()).isEqualTo("PT1M");
    assertThat(details.get("to").get("max_failures_per_account").asInt()).isEqualTo(3);
    assertThat(details.get("from").get("failure_reset").asString()).isEqualTo("P1D");
    assertThat(details.get("to").get("failure_reset").asString()).isEqualTo("PT12H");
    assertThat(details.get("to").get("max_failures_per_address").asInt()).isEqualTo(100);
    assertThat(details.get("to").get("max_lockout").asString()).isEqualTo("PT2H");
  }

  @Test
  void badLockoutPoliciesAreRejectedNamingTheFieldAndLockoutCannotBeSwitchedOff() {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry(lockoutJson("2", "20", "PT1M", "PT1H"), "max_failures_per_account"),
            Map.entry(lockoutJson("21", "20", "PT1M", "PT1H"), "max_failures_per_account"),
            Map.entry(lockoutJson("0", "20", "PT1M", "PT1H"), "max_failures_per_account"),
            Map.entry(lockoutJson("null", "20", "PT1M", "PT1H"), "max_failures_per_account"),
            Map.entry(lockoutJson("\"many\"", "20", "PT1M", "PT1H"), "max_failures_per_account"),
            Map.entry(lockoutJson("5", "4", "PT1M", "PT1H"), "max_failures_per_address"),
            Map.entry(lockoutJson("5", "1001", "PT1M", "PT1H"), "max_failures_per_address"),
            Map.entry(lockoutJson("5", "20", "\"PT0S\"", "PT1H"), "base_lockout"),
            Map.entry(lockoutJson("5", "20", "\"PT29S\"", "PT1H"), "base_lockout"),
            Map.entry(lockoutJson("5", "20", "\"PT2H\"", "PT3H"), "base_lockout"),
            Map.entry(lockoutJson("5", "20", "\"soon\"", "PT1H"), "base_lockout"),
            Map.entry(lockoutJson("5", "20", "\"PT1M\"", "P2D"), "max_lockout"),
            Map.entry(lockoutJson("5", "20", "\"PT30M\"", "PT10M"), "max_lockout"),
            Map.entry(lockoutJson("5", "20", "PT1M", "PT1H", "PT14M"), "failure_reset"),
            Map.entry(lockoutJson("5", "20", "PT1M", "PT1H", "P8D"), "failure_reset"),
            Map.entry(lockoutJson("5", "20", "PT1M", "PT2H", "PT1H"), "failure_reset"),
            Map.entry(
                "{\"max_failures_per_account\": 5, \"max_failures_per_address\": 20,"
                    + " \"base_lockout\": \"PT1M\"}",
                "max_lockout"));
    bad.forEach((body, field) -> assertInvalidField(acme, "lockout", body, field));

    Response off = put(acme, "lockout", LOCKOUT_DEFAULT.replace("}", ", \"enabled\": false}"));
    assertThat(off.status()).isEqualTo(400);
    assertThat(off.problemType()).isEqualTo(PROBLEMS + "unknown-field");
    assertThat(acme.api.get(path(acme, "lockout")).bearer(acme.admin).send().json())
        .isEqualTo(JsonMapper.builder().build().readTree(LOCKOUT_DEFAULT));
    assertThat(TestAudit.actions(ledger, acme.tenant)).doesNotContain("settings.lockout_changed");
  }

  @Test
  void settingsNeedUsersReadToReadAndUsersWriteToChange() {
    testClients.register(
        acme.tenant, "reader", "reader-secret-0123456789abcdefghij", "product-support");
    String reader = acme.api.token(acme.slug, "reader", "reader-secret-0123456789abcdefghij");
    testClients.register(acme.tenant, "nobody", "nobody-secret-0123456789abcdefghij");
    String nobody = acme.api.token(acme.slug, "nobody", "nobody-secret-0123456789abcdefghij");

    for (String setting : List.of("tokens", "lockout")) {
      assertThat(acme.api.get(path(acme, setting)).bearer(reader).send().status())
          .as(setting)
          .isEqualTo(200);
      Response read = acme.api.get(path(acme, setting)).bearer(nobody).send();
      assertThat(read.status()).as(setting).isEqualTo(403);
      assertThat(read.problemType()).as(setting).isEqualTo(PROBLEMS + "forbidden");
      String body = setting.equals("tokens") ? TOKENS_DEFAULT : LOCKOUT_DEFAULT;
      Response write =
          acme.api.request("PUT", path(acme, setting)).bearer(reader).json(body).send();
      assertThat(write.status()).as(setting).isEqualTo(403);
      assertThat(write.problemType()).as(setting).isEqualTo(PROBLEMS + "forbidden");
      Response anonymous = acme.api.get(path(acme, setting)).send();
      assertThat(anonymous.status()).as(setting).isEqualTo(401);
      assertThat(anonymous.problemType()).as(setting).isEqualTo(PROBLEMS + "unauthenticated");
    }
  }

  @Test
  void anotherTenantsAdministratorCanNeitherReadNorChangeTheSettings() {
    TestSignIns globex = new TestSignIns(port, testClients, "bob");

    Response read = acme.api.get(path(acme, "tokens")).bearer(globex.admin).send();
    Response write =
        acme.api
            .request("PUT", path(acme, "lockout"))
            .bearer(globex.admin)
            .json(LOCKOUT_DEFAULT)
            .send();

    assertThat(read.status()).isEqualTo(403);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "forbidden");
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void mfaPolicyChangeIsAuditedWithTheOldAndNewValues() {
    acme.requireMfa();

    JsonNode details =
        JsonMapper.builder()
            .build()
            .readTree(auditEntry(acme, "settings.mfa_changed"))
            .get("details");
    assertThat(details.get("from").get("mode").asString()).isEqualTo("optional");
    assertThat(details.get("to").get("mode").asString()).isEqualTo("required");
    assertThat(details.get("to").get("roles").isArray()).isTrue();
  }

  /** Where the login form sends the browser: {@code …/login?error} on any failure. */
  private String signInWithTheRightPassword(TestSignIns tenant) {
    Response answer =
        new TestBrowser(port)
            .submit(
                "/t/" + tenant.slug + "/login",
                Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    return answer.status() + " " + answer.header("Location");
  }

  private static String path(TestSignIns tenant, String setting) {
    return "/api/v1/tenants/" + tenant.slug + "/settings/" + setting;
  }

  private static Response put(TestSignIns tenant, String setting, String body) {
    return tenant.api.request("PUT", path(tenant, setting)).bearer(tenant.admin).json(body).send();
  }

  private static Response putTokens(
      TestSignIns tenant, String access, String refresh, String code) {
    Response put = put(tenant, "tokens", tokensJson(access, refresh, code));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    return put;
  }

  private static String tokensJson(String access, String refresh, String code) {
    return tokensJson(access, refresh, code, "PT30M");
  }

  private static String tokensJson(String access, String refresh, String code, String idToken) {
    return ("{\"access_token_ttl\": \"%s\", \"refresh_token_ttl\": \"%s\","
            + " \"authorization_code_ttl\": \"%s\", \"id_token_ttl\": \"%s\"}")
        .formatted(access, refresh, code, idToken);
  }

  /** Durations given quoted (or any JSON value) stay as given; a bare one is quoted. */
  private static String lockoutJson(String account, String address, String base, String max) {
    return lockoutJson(account, address, base, max, "P1D");
  }

  private static String lockoutJson(
      String account, String address, String base, String max, String reset) {
    return "{\"max_failures_per_account\": %s, \"max_failures_per_address\": %s,"
            .formatted(account, address)
        + " \"base_lockout\": %s, \"max_lockout\": %s, \"failure_reset\": %s}"
            .formatted(quoted(base), quoted(max), quoted(reset));
  }

  private static String quoted(String value) {
    return value.startsWith("\"") ? value : "\"" + value + "\"";
  }

  private static void assertInvalidField(
      TestSignIns tenant, String setting, String body, String field) {
    Response rejected = put(tenant, setting, body);
    assertThat(rejected.status()).as(body).isEqualTo(400);
    assertThat(rejected.problemType()).as(body).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(rejected.json().get("field").asString()).as(body).isEqualTo(field);
  }

  private static JsonNode clientCredentials(TestSignIns tenant) {
    HttpResponse<String> response =
        post(
            tenant,
            TestApi.basic("admin", TestSignIns.ADMIN_SECRET),
            "grant_type=client_credentials");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  private static Duration lifetime(JsonNode tokenResponse) {
    Map<String, Object> claims = claims(tokenResponse.get("access_token").asString());
    return Duration.between(
        ((Date) claims.get("iat")).toInstant(), ((Date) claims.get("exp")).toInstant());
  }

  private static Duration between(Map<String, Object> row, String prefix) {
    return Duration.between(
        ((java.sql.Timestamp) row.get(prefix + "_issued_at")).toInstant(),
        ((java.sql.Timestamp) row.get(prefix + "_expires_at")).toInstant());
  }

  private String auditEntry(TestSignIns tenant, String action) {
    List<String> matching =
        TestAudit.canonicalEntries(ledger, tenant.tenant).stream()
            .filter(json -> json.contains("\"action\":\"" + action + "\""))
            .toList();
    assertThat(matching).as(action).hasSize(1);
    return matching.getFirst();
  }
}
