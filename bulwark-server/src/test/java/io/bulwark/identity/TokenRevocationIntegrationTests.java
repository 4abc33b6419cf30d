package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditLedger;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestAudit;
import io.bulwark.support.TestBrowser;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestSignIns;
import io.bulwark.support.TestTenants;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Stateless client_credentials tokens, and revocation that stops access tokens on the API: by RFC
 * 7009, with a revoked session and on refresh-token reuse, each audited.
 */
@BulwarkIntegrationTest
class TokenRevocationIntegrationTests {

  static final String SECRET = "revocation-client-secret-0123456789abcdef";
  static final String UNAUTHENTICATED = "https://bulwark.io/problems/unauthenticated";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;
  @Autowired JdbcClient jdbc;

  TestSignIns acme;
  TestApi api;
  String users;

  @BeforeEach
  void tenantWithAServiceClientAndAnAdministratorUser() {
    acme = new TestSignIns(port, clients, "alice");
    api = acme.api;
    users = "/api/v1/tenants/" + acme.slug + "/users";
    clients.register(acme.tenant, "service", SECRET, "tenant-admin");
    clients.register(acme.tenant, "other-service", SECRET, "tenant-admin");
    Response granted =
        api.post("/api/v1/tenants/" + acme.slug + "/role-assignments")
            .bearer(acme.admin)
            .json(
                "{\"principal_type\": \"user\", \"principal_id\": \"%s\", \"role\": \"tenant-admin\"}"
                    .formatted(acme.userId))
            .send();
    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
  }

  @Test
  void clientCredentialsTokenLeavesNoStoredAuthorizationAndIntrospectsFromItself() {
    String token = api.token(acme.slug, "service", SECRET);

    assertThat(storedAuthorizationsOf("service")).isZero();
    JsonNode introspected = introspect(token, "service");
    assertThat(introspected.get("active").asBoolean()).isTrue();
    assertThat(introspected.get("client_id").asString()).isEqualTo("service");
    assertThat(introspected.get("sub").asString()).isEqualTo("service");
    assertThat(introspected.get("jti").asString()).isEqualTo(jti(token));
    assertThat(introspected.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(introspected.get("exp").asLong()).isGreaterThan(introspected.get("iat").asLong());
    assertThat(introspected.get("iss").asString()).endsWith("/t/" + acme.slug);
    assertThat(introspect(token, "other-service").get("active").asBoolean()).isTrue();
  }

  @Test
  void revokedClientCredentialsTokenIsInactiveRefusedByTheApiAndAudited() {
    String token = api.token(acme.slug, "service", SECRET);
    assertThat(api.get(users).bearer(token).send().status()).isEqualTo(200);

    Response revoked = revoke(token, "service", SECRET);

    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    assertThat(introspect(token, "service").get("active").asBoolean()).isFalse();
    assertUnauthenticated(api.get(users).bearer(token).send());
    assertThat(api.get(users).bearer(api.token(acme.slug, "service", SECRET)).send().status())
        .as("a new token of the same client")
        .isEqualTo(200);
    JsonNode entry = TestAudit.last(ledger, acme.tenant, "token.revoked");
    assertThat(entry.get("category").asString()).isEqualTo("security");
    assertThat(entry.get("actor").get("type").asString()).isEqualTo("service");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("service");
    assertThat(entry.get("details").get("reason").asString()).isEqualTo("client_request");
    assertThat(entry.get("details").get("jti").asString()).isEqualTo(jti(token));
    assertThat(entry.get("details").get("client_id").asString()).isEqualTo("service");
    assertThat(entry.get("details").get("principal_type").asString()).isEqualTo("client");
    assertThat(entry.toString()).doesNotContain(token.split("\\.")[2]);
    assertThat(revoke(token, "service", SECRET).status()).as("again").isEqualTo(200);
    assertThat(TestAudit.actions(ledger, acme.tenant).stream().filter("token.revoked"::equals))
        .as("revoked once, audited once")
        .hasSize(1);
  }

  @Test
  void anotherClientCannotRevokeTheToken() {
    String token = api.token(acme.slug, "service", SECRET);

    Response refused = revoke(token, "other-service", SECRET);

    assertThat(refused.status()).as(refused.toString()).isIn(400, 401);
    assertThat(refused.body()).contains("invalid_client");
    assertThat(introspect(token, "service").get("active").asBoolean()).isTrue();
    assertThat(api.get(users).bearer(token).send().status()).isEqualTo(200);
  }

  @Test
  void anotherTenantsTokenIsInactiveHereAndCannotBeRevokedHere() {
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    clients.register(globexId, "service", SECRET, "tenant-admin");
    String globexToken = api.token(globex.slug(), "service", SECRET);

    assertThat(introspect(globexToken, "service").get("active").asBoolean()).isFalse();
    assertThat(revoke(globexToken, "service", SECRET).status()).isEqualTo(200);
    assertThat(
            api.get("/api/v1/tenants/" + globex.slug() + "/users")
                .bearer(globexToken)
                .send()
                .status())
        .isEqualTo(200);
  }

  @Test
  void revokedUserAccessTokenIsInactiveRefusedByTheApiAndAudited() {
    JsonNode tokens = signIn();
    String access = tokens.get("access_token").asString();
    assertThat(api.get(users).bearer(access).send().status()).isEqualTo(200);

    Response revoked = revoke(access, "web", acme.webSecret);

    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    assertThat(introspect(access, "web").get("active").asBoolean()).isFalse();
    assertUnauthenticated(api.get(users).bearer(access).send());
    JsonNode entry = TestAudit.last(ledger, acme.tenant, "token.revoked");
    assertThat(entry.get("details").get("reason").asString()).isEqualTo("client_request");
    assertThat(entry.get("details").get("principal_type").asString()).isEqualTo("user");
    assertThat(entry.get("details").get("subject").asString()).isEqualTo(acme.userId);
    assertThat(entry.get("details").get("client_id").asString()).isEqualTo("web");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("web");
  }

  @Test
  void revokedRefreshTokenStopsEveryAccessTokenOfTheGrant() {
    JsonNode first = signIn();
    JsonNode refreshed =
        LoginIntegrationTests.token(
            acme,
            "grant_type=refresh_token&refresh_token=" + first.get("refresh_token").asString());

    Response revoked = revoke(refreshed.get("refresh_token").asString(), "web", acme.webSecret);

    assertThat(revoked.status()).isEqualTo(200);
    assertUnauthenticated(api.get(users).bearer(first.get("access_token").asString()).send());
    assertUnauthenticated(api.get(users).bearer(refreshed.get("access_token").asString()).send());
  }

  @Test
  void revokedSessionStopsItsAccessTokensOnTheApi() {
    JsonNode first = signIn();
    JsonNode refreshed =
        LoginIntegrationTests.token(
            acme,
            "grant_type=refresh_token&refresh_token=" + first.get("refresh_token").asString());
    String access = refreshed.get("access_token").asString();
    assertThat(api.get(users).bearer(access).send().status()).isEqualTo(200);
    String session =
        api.get(users + "/" + acme.userId + "/sessions")
            .bearer(acme.admin)
            .send()
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asString();

    Response deleted =
        api.request("DELETE", "/api/v1/tenants/" + acme.slug + "/sessions/" + session)
            .bearer(acme.admin)
            .send();

    assertThat(deleted.status()).isEqualTo(204);
    assertUnauthenticated(api.get(users).bearer(access).send());
    assertUnauthenticated(api.get(users).bearer(first.get("access_token").asString()).send());
    List<JsonNode> revocations = entries("token.revoked");
    assertThat(revocations).hasSize(2);
    assertThat(revocations)
        .allSatisfy(entry -> {
          assertThat(entry.get("details").get("reason").asString()).isEqualTo("session_revoked");
          assertThat(entry.get("actor").get("id").asString()).isEqualTo("admin");
        });
    assertThat(revocations.stream().map(e -> e.get("details").get("jti").asString()))
        .containsExactlyInAnyOrder(jti(first.get("access_token").asString()), jti(access));
  }

  @Test
  void reusedRefreshTokenIsAuditedAsDeniedAndStopsTheGrantsAccessTokens() {
    JsonNode first = signIn();
    String oldRefresh = first.get("refresh_token").asString();
    JsonNode rotated =
        LoginIntegrationTests.token(acme, "grant_type=refresh_token&refresh_token=" + oldRefresh);
    String access = rotated.get("access_token").asString();

    HttpResponse<String> reuse =
        LoginIntegrationTests.tokenRaw(
            acme, "grant_type=refresh_token&refresh_token=" + oldRefresh);

    assertThat(reuse.statusCode()).isEqualTo(400);
    assertUnauthenticated(api.get(users).bearer(access).send());
    assertThat(introspect(access, "web").get("active").asBoolean()).isFalse();
    JsonNode reused = TestAudit.last(ledger, acme.tenant, "token.refresh_reused");
    assertThat(reused.get("category").asString()).isEqualTo("security");
    assertThat(reused.get("outcome").asString()).isEqualTo("denied");
    assertThat(reused.get("actor").get("id").asString()).isEqualTo("web");
    assertThat(reused.get("details").get("user_id").asString()).isEqualTo(acme.userId);
    assertThat(reused.toString()).doesNotContain(oldRefresh);
    List<JsonNode> revocations = entries("token.revoked");
    assertThat(revocations.stream().map(e -> e.get("details").get("reason").asString()))
        .containsOnly("reuse_detected");
    assertThat(revocations.stream().map(e -> e.get("details").get("jti").asString()))
        .containsExactlyInAnyOrder(jti(first.get("access_token").asString()), jti(access));
    assertThat(revocations.getFirst().get("actor").get("type").asString()).isEqualTo("system");
  }

  private JsonNode signIn() {
    return LoginIntegrationTests.webTokens(new TestBrowser(port), acme, "alice");
  }

  private List<JsonNode> entries(String action) {
    return TestAudit.canonicalEntries(ledger, acme.tenant).stream()
        .map(json -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(json))
        .filter(entry -> entry.get("action").asString().equals(action))
        .toList();
  }

  private long storedAuthorizationsOf(String clientId) {
    return TenantContext.callAs(
        acme.tenant,
        () ->
            jdbc.sql(
                    "select count(*) from oauth2_authorization a join oauth2_registered_client c"
                        + " on c.id = a.registered_client_id where c.client_id = ?")
                .param(clientId)
                .query(Long.class)
                .single());
  }

  private JsonNode introspect(String token, String client) {
    String secret = "web".equals(client) ? acme.webSecret : SECRET;
    Response response =
        api.post("/t/" + acme.slug + "/oauth2/introspect")
            .header("Authorization", TestApi.basic(client, secret))
            .body("application/x-www-form-urlencoded", "token=" + token)
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private Response revoke(String token, String client, String secret) {
    return api.post("/t/" + acme.slug + "/oauth2/revoke")
        .header("Authorization", TestApi.basic(client, secret))
        .body("application/x-www-form-urlencoded", "token=" + token)
        .send();
  }

  private static String jti(String token) {
    return LoginIntegrationTests.claims(token).get("jti").toString();
  }

  private static void assertUnauthenticated(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.problemType()).isEqualTo(UNAUTHENTICATED);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }
}
