package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditLedger;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Administrators list and revoke users' sign-in sessions. */
@BulwarkIntegrationTest
class SessionApiIntegrationTests {

  static final String PROBLEMS = "https://bulwark.io/problems/";
  static final String SECRET = "session-client-secret-0123456789abcdefgh";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired TestClients testClients;
  @Autowired AuditLedger ledger;

  TestSignIns acme;
  TestApi api;
  String base;

  @BeforeEach
  void tenantWithAUser() {
    acme = new TestSignIns(port, testClients, "alice");
    api = acme.api;
    base = "/api/v1/tenants/" + acme.slug;
  }

  @Test
  void signInIsListedWithoutAnyTokenValue() {
    JsonNode tokens = signIn();

    Response listed =
        api.get(base + "/users/" + acme.userId + "/sessions").bearer(acme.admin).send();

    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    JsonNode session = listed.json().get("items").get(0);
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(session.get("client_id").asString()).isEqualTo("web");
    assertThat(session.get("user_id").asString()).isEqualTo(acme.userId);
    assertThat(session.get("started_at").asString()).isNotBlank();
    assertThat(session.get("expires_at").asString()).isNotBlank();
    assertThat(session.has("last_refreshed_at")).isFalse();
    assertThat(listed.body())
        .doesNotContain(tokens.get("access_token").asString())
        .doesNotContain(tokens.get("refresh_token").asString());
  }

  @Test
  void refreshedSessionSaysWhen() {
    JsonNode tokens = signIn();
    LoginIntegrationTests.token(
        acme, "grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token").asString());

    Response listed =
        api.get(base + "/users/" + acme.userId + "/sessions").bearer(acme.admin).send();

    assertThat(listed.json().get("items").get(0).get("last_refreshed_at").asString()).isNotBlank();
  }

  @Test
  void revokedSessionNoLongerRefreshesItsTokensAreInactiveAndItIsAudited() {
    JsonNode tokens = signIn();
    String id = sessionIds().getFirst();
    assertThat(active(tokens.get("access_token").asString())).isTrue();

    Response revoked = api.request("DELETE", base + "/sessions/" + id).bearer(acme.admin).send();

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(sessionIds()).isEmpty();
    assertThat(active(tokens.get("access_token").asString())).isFalse();
    HttpResponse<String> refresh =
        LoginIntegrationTests.tokenRaw(
            acme,
            "grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token").asString());
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(refresh.body()).contains("invalid_grant");
    JsonNode entry = TestAudit.last(ledger, acme.tenant, "session.revoked");
    assertThat(entry.get("resource").get("id").asString()).isEqualTo(id);
    assertThat(entry.get("details").get("user_id").asString()).isEqualTo(acme.userId);
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("admin");
    assertProblem(
        api.request("DELETE", base + "/sessions/" + id).bearer(acme.admin).send(),
        404,
        "not-found");
  }

  @Test
  void revokingAllOfAUsersSessionsEndsEachOne() {
    JsonNode first = signIn();
    JsonNode second = signIn();
    assertThat(sessionIds()).hasSize(2);

    Response revoked =
        api.request("DELETE", base + "/users/" + acme.userId + "/sessions")
            .bearer(acme.admin)
            .send();

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(sessionIds()).isEmpty();
    assertThat(active(first.get("access_token").asString())).isFalse();
    assertThat(active(second.get("access_token").asString())).isFalse();
  }

  @Test
  void unknownUserOrSessionIsNotFound() {
    assertProblem(
        api.get(base + "/users/00000000-0000-4000-8000-000000000000/sessions")
            .bearer(acme.admin)
            .send(),
        404,
        "not-found");
    assertProblem(
        api.get(base + "/users/nobody/sessions").bearer(acme.admin).send(), 404, "not-found");
    assertProblem(
        api.request("DELETE", base + "/users/nobody/sessions").bearer(acme.admin).send(),
        404,
        "not-found");
    assertProblem(
        api.request("DELETE", base + "/sessions/no-such-session").bearer(acme.admin).send(),
        404,
        "not-found");
  }

  @Test
  void aClientWithoutUserPermissionsCanNeitherListNorRevoke() {
    signIn();
    testClients.register(acme.tenant, "plain", SECRET, "audit-writer");
    String plain = api.token(acme.slug, "plain", SECRET);

    assertProblem(
        api.get(base + "/users/" + acme.userId + "/sessions").bearer(plain).send(),
        403,
        "forbidden");
    assertProblem(
        api.request("DELETE", base + "/sessions/" + sessionIds().getFirst()).bearer(plain).send(),
        403,
        "forbidden");
    assertThat(sessionIds()).hasSize(1);
  }

  @Test
  void anotherTenantsAdministratorCanNeitherSeeNorRevokeTheSessions() {
    JsonNode tokens = signIn();
    String id = sessionIds().getFirst();
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    testClients.register(globexId, "admin", SECRET, "tenant-admin");
    String other = api.token(globex.slug(), "admin", SECRET);
    String globexBase = "/api/v1/tenants/" + globex.slug();

    assertProblem(
        api.get(base + "/users/" + acme.userId + "/sessions").bearer(other).send(),
        403,
        "forbidden");
    assertProblem(
        api.request("DELETE", base + "/sessions/" + id).bearer(other).send(), 403, "forbidden");
    assertProblem(
        api.request("DELETE", globexBase + "/sessions/" + id).bearer(other).send(),
        404,
        "not-found");
    assertProblem(
        api.get(globexBase + "/users/" + acme.userId + "/sessions").bearer(other).send(),
        404,
        "not-found");
    assertThat(sessionIds()).containsExactly(id);
    assertThat(active(tokens.get("access_token").asString())).isTrue();
  }

  private JsonNode signIn() {
    return LoginIntegrationTests.webTokens(new TestBrowser(port), acme, "alice");
  }

  private boolean active(String accessToken) {
    Response response =
        api.post("/t/" + acme.slug + "/oauth2/introspect")
            .header("Authorization", TestApi.basic("web", acme.webSecret))
            .body(
                "application/x-www-form-urlencoded",
                "token=" + accessToken + "&token_type_hint=access_token")
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("active").asBoolean();
  }

  private List<String> sessionIds() {
    Response listed =
        api.get(base + "/users/" + acme.userId + "/sessions").bearer(acme.admin).send();
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    listed.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
  }
}
