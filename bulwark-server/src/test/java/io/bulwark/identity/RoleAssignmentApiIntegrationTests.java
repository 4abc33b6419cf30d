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
import io.bulwark.support.TestBrowser.Pkce;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestSignIns;
import io.bulwark.support.TestTenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's roles and the role assignments of its users and clients, over the admin API. */
@BulwarkIntegrationTest
class RoleAssignmentApiIntegrationTests {

  static final String PROBLEMS = "https://bulwark.io/problems/";
  static final String SECRET = "role-client-secret-0123456789abcdefghij";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired TestClients testClients;
  @Autowired AuditLedger ledger;
  @Autowired JdbcClient jdbc;

  TestSignIns acme;
  TestApi api;
  String base;

  @BeforeEach
  void tenantWithAdministratorUserAndClient() {
    acme = new TestSignIns(port, testClients, "alice");
    api = acme.api;
    base = "/api/v1/tenants/" + acme.slug;
    testClients.register(acme.tenant, "worker", SECRET);
    testClients.register(acme.tenant, "plain", SECRET, "audit-writer");
  }

  @Test
  void rolesListsTheTenantRolesWithTheirPermissionsButNoPlatformRole() {
    Response roles = api.get(base + "/roles").bearer(acme.admin).send();

    assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    roles.json().get("items").forEach(role -> names.add(role.get("name").asString()));
    assertThat(names).contains("tenant-admin", "audit-writer").doesNotContain("platform-admin");
    Response admin = api.get(base + "/roles/tenant-admin").bearer(acme.admin).send();
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.json().get("scope").asString()).isEqualTo("tenant");
    List<String> permissions = new ArrayList<>();
    admin.json().get("permissions").forEach(p -> permissions.add(p.asString()));
    assertThat(permissions).contains("roles:*", "users:*");
  }

  @Test
  void aPlatformRoleOrAnUnknownRoleIsNotFoundInATenant() {
    assertProblem(
        api.get(base + "/roles/platform-admin").bearer(acme.admin).send(), 404, "not-found");
    assertProblem(
        api.get(base + "/roles/no-such-role").bearer(acme.admin).send(), 404, "not-found");
  }

  @Test
  void theSystemTenantListsPlatformRolesToo() {
    Response roles = api.get("/api/v1/tenants/system/roles").bearer(api.adminToken()).send();

    assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
    assertThat(roles.body()).contains("\"platform-admin\"");
  }

  @Test
  void roleGrantedToAUserIsInTheirNextTokenAndInTheAuditLog() {
    Response granted = grant("user", acme.userId, "product-support", null, null);

    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    assertThat(granted.header("Location"))
        .endsWith("/role-assignments/" + granted.json().get("id").asString());
    assertThat(granted.json().get("principal_id").asString()).isEqualTo(acme.userId);
    assertThat(userRoles()).containsExactly("product-support");
    JsonNode entry = TestAudit.last(ledger, acme.tenant, "user.role_granted");
    assertThat(entry.get("resource").get("type").asString()).isEqualTo("user");
    assertThat(entry.get("resource").get("id").asString()).isEqualTo(acme.userId);
    assertThat(entry.get("details").get("role").asString()).isEqualTo("product-support");
    assertThat(entry.get("outcome").asString()).isEqualTo("success");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("admin");
  }

  @Test
  void roleGrantedToAClientIsInItsTokensAndTheClientRoleEndpointRevokesIt() throws Exception {
    String expires = Instant.now().plusSeconds(3600).toString();
    Response granted = grant("client", "worker", "audit-writer", null, expires);

    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    assertThat(clientRoles("worker")).containsExactly("audit-writer");
    Response listed =
        api.get(base + "/role-assignments?principal_type=client&principal_id=worker")
            .bearer(acme.admin)
            .send();
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(listed.json().get("items").get(0).get("expires_at").asString()).isNotBlank();
    Response revoked =
        api.request("DELETE", base + "/clients/worker/roles/audit-writer")
            .bearer(acme.admin)
            .send();
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(clientRoles("worker")).isEmpty();
    assertThat(
            TestAudit.last(ledger, acme.tenant, "client.role_revoked")
                .get("resource")
                .get("id")
                .asString())
        .isEqualTo("worker");
  }

  @Test
  void theClientRoleEndpointGrantsThroughTheSamePathAndShowsInTheList() {
    Response put =
        api.request("PUT", base + "/clients/worker/roles/audit-writer").bearer(acme.admin).send();

    assertThat(put.status()).isEqualTo(204);
    Response listed =
        api.get(base + "/role-assignments?role=audit-writer&principal_id=worker")
            .bearer(acme.admin)
            .send();
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(
            TestAudit.last(ledger, acme.tenant, "client.role_granted")
                .get("details")
                .get("role")
                .asString())
        .isEqualTo("audit-writer");
  }

  @Test
  void listFiltersByPrincipalTypeAndRole() {
    grant("user", acme.userId, "product-support", null, null);
    grant("client", "worker", "audit-writer", null, null);

    assertThat(items("?principal_type=user")).containsExactly("user:" + acme.userId);
    assertThat(items("?role=audit-writer")).contains("client:worker", "client:plain");
    assertThat(items("?principal_type=client&role=audit-writer&principal_id=plain"))
        .containsExactly("client:plain");
    assertThat(items("?role=product-support")).containsExactly("user:" + acme.userId);
  }

  @Test
  void deletedAssignmentGrantsNothingAndCannotBeDeletedTwice() {
    String id =
        grant("user", acme.userId, "product-support", null, null).json().get("id").asString();

    Response deleted =
        api.request("DELETE", base + "/role-assignments/" + id).bearer(acme.admin).send();

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(userRoles()).isEmpty();
    assertThat(
            TestAudit.last(ledger, acme.tenant, "user.role_revoked")
                .get("details")
                .get("assignment_id")
                .asString())
        .isEqualTo(id);
    assertProblem(
        api.request("DELETE", base + "/role-assignments/" + id).bearer(acme.admin).send(),
        404,
        "not-found");
    assertProblem(
        api.request("DELETE", base + "/role-assignments/not-an-id").bearer(acme.admin).send(),
        404,
        "not-found");
  }

  @Test
  void expiredAssignmentIsListedButGrantsNothing() {
    grant("user", acme.userId, "product-support", null, Instant.now().plusSeconds(3600).toString());
    TenantContext.runAs(
        acme.tenant,
        () ->
            jdbc.sql(
                    "update role_assignments set expires_at = now() - interval '1 minute'"
                        + " where tenant_id = ? and principal_type = 'user'")
                .params(acme.tenant.value())
                .update());

    assertThat(items("?principal_type=user")).hasSize(1);
    assertThat(userRoles()).isEmpty();
  }

  @Test
  void aUsersAssignmentNarrowedToAPrefixReachesTheTokenNarrowed() {
    Response granted = grant("user", acme.userId, "secrets-reader", "payments/", null);

    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    assertThat(userRoles()).containsExactly("secrets-reader@payments/");
  }

  @Test
  void anAssignmentStopsGrantingWhenItExpiresEvenWhileItsRolesAreCached() throws Exception {
    Instant expires = Instant.now().plusSeconds(3);
    grant("client", "worker", "audit-writer", null, expires.toString());
    assertThat(clientRoles("worker")).containsExactly("audit-writer");

    Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), expires).toMillis()) + 200);

    assertThat(clientRoles("worker")).isEmpty();
  }

  @Test
  void badGrantsAreRefusedByNameAndLeaveNoAuditEntry() {
    long before = ledger.size(acme.tenant);
    String past = Instant.now().minusSeconds(60).toString();
    String future = Instant.now().plusSeconds(60).toString();

    assertInvalid(grant("user", acme.userId, "no-such-role", null, null), "role");
    assertInvalid(grant("user", acme.userId, "platform-admin", null, null), "role");
    assertInvalid(grant("user", acme.userId, "product-support", null, past), "expires_at");
    assertInvalid(grant("group", acme.userId, "product-support", null, future), "principal_type");
    assertInvalid(grant(null, acme.userId, "product-support", null, null), "principal_type");
    assertInvalid(grant("user", null, "product-support", null, null), "principal_id");
    assertInvalid(grant("user", acme.userId, null, null, null), "role");
    assertInvalid(grant("client", "worker", "audit-writer", "payments/", null), "resource_prefix");
    assertProblem(grant("user", "not-a-user-id", "product-support", null, null), 404, "not-found");
    assertProblem(
        grant("user", "00000000-0000-4000-8000-000000000000", "product-support", null, null),
        404,
        "not-found");
    assertProblem(grant("client", "no-such-client", "audit-writer", null, null), 404, "not-found");
    assertProblem(
        api.post(base + "/role-assignments")
            .bearer(acme.admin)
            .json(
                "{\"principal_type\": \"user\", \"principal_id\": \"x\", \"role\": \"r\","
                    + " \"expires_at\": \"tomorrow\"}")
            .send(),
        400,
        "invalid-field");

    assertThat(ledger.size(acme.tenant)).isEqualTo(before);
    assertThat(userRoles()).isEmpty();
  }

  @Test
  void unknownPrincipalTypeFilterIsAnInvalidParameter() {
    Response listed =
        api.get(base + "/role-assignments?principal_type=group").bearer(acme.admin).send();

    assertProblem(listed, 400, "invalid-parameter");
    assertThat(listed.json().get("parameter").asString()).isEqualTo("principal_type");
  }

  @Test
  void aClientWithoutRolePermissionsCanNeitherReadNorGrant() {
    String plain = api.token(acme.slug, "plain", SECRET);

    assertProblem(api.get(base + "/roles").bearer(plain).send(), 403, "forbidden");
    assertProblem(api.get(base + "/role-assignments").bearer(plain).send(), 403, "forbidden");
    Response grant =
        api.post(base + "/role-assignments")
            .bearer(plain)
            .json(body("client", "plain", "tenant-admin", null, null))
            .send();
    assertProblem(grant, 403, "forbidden");
  }

  @Test
  void anotherTenantsAdministratorCanNeitherSeeNorRevokeTheAssignments() {
    String id =
        grant("user", acme.userId, "product-support", null, null).json().get("id").asString();
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    testClients.register(globexId, "admin", SECRET, "tenant-admin");
    String other = api.token(globex.slug(), "admin", SECRET);
    String globexBase = "/api/v1/tenants/" + globex.slug();

    assertProblem(api.get(base + "/role-assignments").bearer(other).send(), 403, "forbidden");
    assertProblem(
        api.request("DELETE", base + "/role-assignments/" + id).bearer(other).send(),
        403,
        "forbidden");
    assertProblem(
        api.request("DELETE", globexBase + "/role-assignments/" + id).bearer(other).send(),
        404,
        "not-found");
    assertThat(
            api.get(globexBase + "/role-assignments?principal_type=user")
                .bearer(other)
                .send()
                .json()
                .get("items"))
        .isEmpty();
    assertProblem(
        api.post(globexBase + "/role-assignments")
            .bearer(other)
            .json(body("user", acme.userId, "product-support", null, null))
            .send(),
        404,
        "not-found");
    assertThat(items("")).contains("user:" + acme.userId);
  }

  private Response grant(
      String type, String principal, String role, String prefix, String expiresAt) {
    return api.post(base + "/role-assignments")
        .bearer(acme.admin)
        .json(body(type, principal, role, prefix, expiresAt))
        .send();
  }

  private static String body(
      String type, String principal, String role, String prefix, String expiresAt) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("principal_type", type);
    fields.put("principal_id", principal);
    fields.put("role", role);
    fields.put("resource_prefix", prefix);
    fields.put("expires_at", expiresAt);
    fields.values().removeIf(java.util.Objects::isNull);
    return JSON.writeValueAsString(fields);
  }

  private List<String> items(String query) {
    Response listed = api.get(base + "/role-assignments" + query).bearer(acme.admin).send();
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    List<String> items = new ArrayList<>();
    listed
        .json()
        .get("items")
        .forEach(item ->
            items.add(
                item.get("principal_type").asString() + ":" + item.get("principal_id").asString()));
    return items;
  }

  @SuppressWarnings("unchecked")
  private List<String> userRoles() {
    TestBrowser browser = new TestBrowser(port);
    Pkce pkce = Pkce.create();
    String code = LoginIntegrationTests.signInAndAuthorize(browser, acme, "alice", pkce, "s", "n");
    JsonNode tokens = LoginIntegrationTests.exchangePublic(acme, code, pkce.verifier());
    return (List<String>)
        LoginIntegrationTests.claims(tokens.get("access_token").asString()).get("roles");
  }

  @SuppressWarnings("unchecked")
  private List<String> clientRoles(String clientId) {
    return (List<String>)
        LoginIntegrationTests.claims(api.token(acme.slug, clientId, SECRET)).get("roles");
  }

  private static void assertInvalid(Response response, String field) {
    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo(field);
  }

  private static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
  }
}
