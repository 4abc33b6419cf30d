package io.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's own events are audited in the same transaction as the operation. */
@BulwarkIntegrationTest
class AuditPlatformEventsIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;
  @Autowired Tenants tenants;
  @Autowired TransactionTemplate transactions;

  TestApi api;

  @BeforeEach
  void client() {
    api = new TestApi(port);
  }

  @Test
  void createdTenantIsRecordedInTheSystemLog() {
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    String tenantId = created.json().get("id").asString();

    List<AuditEntry> entries = systemEntries("tenant.created", tenantId);

    assertThat(entries).hasSize(1);
    JsonNode entry = JSON.readTree(entries.getFirst().canonicalJson());
    assertThat(entry.get("category").asString()).isEqualTo("administration");
    assertThat(entry.get("details").get("slug").asString()).isEqualTo(acme.slug());
    assertThat(entry.get("actor").get("id").asString()).isEqualTo(TestApi.ADMIN_CLIENT_ID);
  }

  @Test
  void suspendedTenantIsRecordedInTheSystemLog() {
    var acme = TestTenants.acme();
    String admin = api.adminToken();
    String tenantId =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .json(acme.json())
            .send()
            .json()
            .get("id")
            .asString();

    Response suspended =
        api.patch("/api/v1/tenants/" + acme.slug())
            .bearer(admin)
            .json("{\"status\": \"suspended\"}")
            .send();

    assertThat(suspended.status()).isEqualTo(200);
    List<AuditEntry> entries = systemEntries("tenant.status_changed", tenantId);
    assertThat(entries).hasSize(1);
    assertThat(
            JSON.readTree(entries.getFirst().canonicalJson()).get("details").get("to").asString())
        .isEqualTo("suspended");
  }

  @Test
  void operationThatRollsBackLeavesNeitherTenantNorAuditRecord() {
    TenantId system = tenants.system().id();
    long sizeBefore = ledger.size(system);
    String slug = TestTenants.acme().slug();

    assertThatThrownBy(() ->
            transactions.executeWithoutResult(status -> {
              tenants.create(new NewTenant(new TenantSlug(slug), "Doomed", "eu-west"));
              assertThat(ledger.size(system)).isEqualTo(sizeBefore + 1);
              throw new IllegalStateException("forced failure after the audit record");
            }))
        .hasMessageContaining("forced failure");

    assertThat(tenants.find(new TenantSlug(slug))).isEmpty();
    assertThat(ledger.size(system)).isEqualTo(sizeBefore);
    assertThat(ledger.verify(system, null, null).intact()).isTrue();
  }

  @Test
  void rotatedSigningKeyIsRecordedInTheTenantsOwnLog() {
    AuditFixtures acme = AuditFixtures.tenantWithAuditClients(api, clients);
    String keysAdmin = api.token(acme.slug, "admin", AuditFixtures.SECRET);

    Response rotated =
        api.post("/api/v1/tenants/" + acme.slug + "/signing-keys/rotate").bearer(keysAdmin).send();

    assertThat(rotated.status()).isEqualTo(200);
    AuditEntryPage page =
        ledger.query(
            acme.tenant,
            new AuditQuery(
                null,
                null,
                AuditCategory.SECURITY,
                "signing_key.rotated",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                10));
    assertThat(page.entries()).hasSize(1);
    assertThat(ledger.verify(acme.tenant, null, null).intact()).isTrue();
  }

  @Test
  void issuedTokenIsRecordedOnceInTheTenantsLogWithoutTheToken() {
    AuditFixtures acme = AuditFixtures.tenantWithAuditClients(api, clients);
    long before = ledger.size(acme.tenant);

    String token = api.token(acme.slug, "admin", AuditFixtures.SECRET);

    AuditEntryPage page =
        ledger.query(
            acme.tenant,
            new AuditQuery(
                null,
                null,
                AuditCategory.AUTHENTICATION,
                "token.issued",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                10));
    JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    String jti = claims.get("jti").asString();
    List<AuditEntry> ofThisToken =
        page.entries().stream()
            .filter(e ->
                JSON.readTree(e.canonicalJson()).get("details").get("jti").asString().equals(jti))
            .toList();
    assertThat(ofThisToken).hasSize(1);
    assertThat(ledger.size(acme.tenant)).isEqualTo(before + 1);
    String body = ofThisToken.getFirst().canonicalJson();
    JsonNode entry = JSON.readTree(body);
    assertThat(entry.get("actor").get("type").asString()).isEqualTo("service");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("admin");
    assertThat(entry.get("actor").get("ip").asString()).isNotBlank();
    assertThat(entry.get("resource").get("id").asString()).isEqualTo("admin");
    assertThat(entry.get("details").get("grant_type").asString()).isEqualTo("client_credentials");
    assertThat(body).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
    assertThat(ledger.verify(acme.tenant, null, null).intact()).isTrue();
  }

  private List<AuditEntry> systemEntries(String action, String tenantId) {
    return ledger
        .query(
            tenants.system().id(),
            new AuditQuery(
                null,
                null,
                AuditCategory.ADMINISTRATION,
                action,
                null,
                "tenant",
                tenantId,
                null,
                null,
                null,
                null,
                10))
        .entries();
  }
}
