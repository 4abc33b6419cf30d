package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@BulwarkIntegrationTest
class ClientApiIntegrationTests {

  static final String ADMIN_SECRET = "tenant-admin-secret-0123456789abcdefgh";
  static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients testClients;

  TestApi api;
  String slug;
  String admin;
  String clients;

  @BeforeEach
  void tenantWithAnAdministrator() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    TenantId tenant = TenantId.parse(created.json().get("id").asString());
    testClients.register(tenant, "admin", ADMIN_SECRET, "tenant-admin");
    testClients.register(tenant, "nobody", ADMIN_SECRET);
    admin = api.token(slug, "admin", ADMIN_SECRET);
    clients = "/api/v1/tenants/" + slug + "/clients";
  }

  @Test
  void registeredClientGetsItsSecretOnceAndCanUseIt() {
    Response created =
        api.post(clients)
            .bearer(admin)
            .json(
                """
                {"client_id": "billing", "name": "Billing service",
                 "grant_types": ["client_credentials"], "scopes": ["invoices.read"]}\
                """)
            .send();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String secret = created.json().get("client_secret").asString();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
    assertThat(api.token(slug, "billing", secret)).isNotBlank();

    Response read = api.get(clients + "/billing").bearer(admin).send();
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).doesNotContain(secret).doesNotContain("\"client_secret\"");
    assertThat(read.json().get("type").asString()).isEqualTo("confidential");
    assertThat(api.get(clients).bearer(admin).send().body()).contains("\"billing\"");
  }

  @Test
  void rotatedSecretOverlapsWithTheOldOneForTheWindow() {
    String old = register("rotating");

    Response rotated =
        api.post(clients + "/rotating/secret")
            .bearer(admin)
            .json("{\"overlap_seconds\": 3600}")
            .send();

    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().get("client_secret").asString();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(rotated.json().get("client").has("previous_secret_expires_at")).isTrue();
    assertThat(tokenStatus("rotating", old)).isEqualTo(200);
    assertThat(tokenStatus("rotating", fresh)).isEqualTo(200);
  }

  @Test
  void rotationWithoutOverlapRevokesTheOldSecretAtOnce() {
    String old = register("instant");

    String fresh =
        api.post(clients + "/instant/secret")
            .bearer(admin)
            .json("{\"overlap_seconds\": 0}")
            .send()
            .json()
            .get("client_secret")
            .asString();

    assertThat(tokenStatus("instant", old)).isEqualTo(401);
    assertThat(tokenStatus("instant", fresh)).isEqualTo(200);
  }

  @Test
  void grantedRoleAppearsInTokensUntilRevoked() throws Exception {
    String secret = register("writer");
    String expires = Instant.now().plusSeconds(3600).toString();

    Response granted =
        api.request("PUT", clients + "/writer/roles/audit-writer")
            .bearer(admin)
            .json("{\"expires_at\": \"" + expires + "\"}")
            .send();

    assertThat(granted.status()).isEqualTo(204);
    assertThat(roles(api.token(slug, "writer", secret))).containsExactly("audit-writer");
    assertThat(
            api.request("DELETE", clients + "/writer/roles/audit-writer")
                .bearer(admin)
                .send()
                .status())
        .isEqualTo(204);
    assertThat(roles(api.token(slug, "writer", secret))).isEmpty();
  }

  @Test
  void publicClientHasNoSecret() {
    Response created =
        api.post(clients)
            .bearer(admin)
            .json(
                """
                {"client_id": "spa", "name": "Web app", "type": "public",
                 "grant_types": ["authorization_code"], "redirect_uris": ["https://app.example.com/cb"]}\
                """)
            .send();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().has("client_secret")).isFalse();
    assertThat(created.json().get("client").get("authentication_method").asString())
        .isEqualTo("none");
  }

  @Test
  void deletedClientCanNoLongerGetTokens() {
    String secret = register("doomed");

    assertThat(api.request("DELETE", clients + "/doomed").bearer(admin).send().status())
        .isEqualTo(204);

    assertThat(tokenStatus("doomed", secret)).isEqualTo(401);
    assertProblem(api.get(clients + "/doomed").bearer(admin).send(), 404, "not-found", null);
  }

  @Test
  void implicitGrantIsRefusedByName() {
    assertProblem(
        post("{\"name\": \"x\", \"grant_types\": [\"implicit\"]}"),
        400,
        "invalid-field",
        "grant_types[0]");
  }

  @Test
  void passwordGrantIsRefusedByName() {
    assertProblem(
        post("{\"name\": \"x\", \"grant_types\": [\"client_credentials\", \"password\"]}"),
        400,
        "invalid-field",
        "grant_types[1]");
  }

  @Test
  void publicClientCannotUseClientCredentials() {
    assertProblem(
        post("{\"name\": \"x\", \"type\": \"public\", \"grant_types\": [\"client_credentials\"]}"),
        400,
        "invalid-field",
        "grant_types");
  }

  @Test
  void authorizationCodeNeedsARedirectUri() {
    assertProblem(
        post("{\"name\": \"x\", \"grant_types\": [\"authorization_code\"]}"),
        400,
        "invalid-field",
        "redirect_uris");
  }

  @Test
  void plainHttpRedirectOutsideLocalhostIsRefused() {
    assertProblem(
        post(
            "{\"name\": \"x\", \"grant_types\": [\"authorization_code\"],"
                + " \"redirect_uris\": [\"http://evil.example.com/cb\"]}"),
        400,
        "invalid-field",
        "redirect_uris[0]");
  }

  @Test
  void unknownClientTypeIsRefusedByName() {
    assertProblem(
        post("{\"name\": \"x\", \"type\": \"trusted\", \"grant_types\": [\"client_credentials\"]}"),
        400,
        "invalid-field",
        "type");
  }

  @Test
  void duplicateClientIdIsAConflict() {
    register("twice");

    assertProblem(
        post(
            "{\"client_id\": \"twice\", \"name\": \"x\", \"grant_types\": [\"client_credentials\"]}"),
        409,
        "already-exists",
        "client_id");
  }

  @Test
  void overlapBeyondSevenDaysIsRefused() {
    register("long");

    assertProblem(
        api.post(clients + "/long/secret")
            .bearer(admin)
            .json("{\"overlap_seconds\": 9999999}")
            .send(),
        400,
        "invalid-field",
        "overlap_seconds");
  }

  @Test
  void platformRoleCannotBeGrantedOutsideTheSystemTenant() {
    register("climber");

    assertProblem(
        api.request("PUT", clients + "/climber/roles/platform-admin").bearer(admin).send(),
        400,
        "invalid-field",
        "role");
  }

  @Test
  void unknownRoleIsRefused() {
    register("confused");

    assertProblem(
        api.request("PUT", clients + "/confused/roles/root").bearer(admin).send(),
        400,
        "invalid-field",
        "role");
  }

  @Test
  void callerWithoutClientPermissionsIsForbidden() {
    String nobody = api.token(slug, "nobody", ADMIN_SECRET);

    assertProblem(api.get(clients).bearer(nobody).send(), 403, "forbidden", null);
    assertProblem(
        api.post(clients)
            .bearer(nobody)
            .json("{\"name\": \"x\", \"grant_types\": [\"client_credentials\"]}")
            .send(),
        403,
        "forbidden",
        null);
  }

  @Test
  void everyClientChangeIsInTheTenantsAuditLogAndARefusedOneIsNot() {
    register("audited");
    api.post(clients + "/audited/secret").bearer(admin).json("{\"overlap_seconds\": 0}").send();
    api.request("PUT", clients + "/audited/roles/audit-writer").bearer(admin).json("{}").send();
    api.request("DELETE", clients + "/audited/roles/audit-writer").bearer(admin).send();
    Response duplicate =
        post(
            "{\"client_id\": \"audited\", \"name\": \"x\", \"grant_types\": [\"client_credentials\"]}");
    api.request("DELETE", clients + "/audited").bearer(admin).send();

    assertThat(duplicate.status()).isEqualTo(409);
    Response log =
        api.get(
                "/api/v1/tenants/"
                    + slug
                    + "/audit/events?resource_type=client&resource_id=audited")
            .bearer(admin)
            .send();
    assertThat(log.status()).as(log.toString()).isEqualTo(200);
    List<String> actions = new java.util.ArrayList<>();
    log.json()
        .get("items")
        .forEach(item -> actions.add(item.get("entry").get("action").asString()));
    assertThat(actions)
        .containsExactly(
            "client.deleted",
            "client.role_revoked",
            "client.role_granted",
            "client.secret_rotated",
            "client.registered");
    JsonNode granted = log.json().get("items").get(2).get("entry");
    assertThat(granted.get("details").get("role").asString()).isEqualTo("audit-writer");
    assertThat(granted.get("actor").get("type").asString()).isEqualTo("service");
    assertThat(log.body()).doesNotContain("client_secret");
  }

  private String register(String clientId) {
    Response created =
        post(
            "{\"client_id\": \""
                + clientId
                + "\", \"name\": \"x\", \"grant_types\": [\"client_credentials\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("client_secret").asString();
  }

  private Response post(String json) {
    return api.post(clients).bearer(admin).json(json).send();
  }

  private int tokenStatus(String clientId, String secret) {
    return api.post("/t/" + slug + "/oauth2/token")
        .header("Authorization", TestApi.basic(clientId, secret))
        .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
        .send()
        .status();
  }

  private static List<String> roles(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles");
  }

  private static void assertProblem(Response response, int status, String type, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
    if (field != null) {
      assertThat(response.json().get("field").asString()).isEqualTo(field);
    }
  }
}
