package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.audit.AuditLedger;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestAudit;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The revoked-token list across nodes, its purge, and the revocation of an unaudited token. */
@BulwarkIntegrationTest
class RevocationListIntegrationTests {

  static final String SECRET = "revocation-list-secret-0123456789abcdefgh";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired JdbcClient jdbc;
  @Autowired TokenRevoker revoker;
  @Autowired ScheduledRevocationPurge purge;
  @Autowired AuditLedger ledger;

  TestApi api;
  String slug;
  TenantId tenant;
  String users;

  @BeforeEach
  void tenantWithAClient() {
    api = new TestApi(port);
    slug = TestTenants.acme().slug();
    TestApi.Response created =
        api.post("/api/v1/tenants")
            .bearer(api.adminToken())
            .json(TestTenants.acme().slug(slug).json())
            .send();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "service", SECRET, "tenant-admin");
    users = "/api/v1/tenants/" + slug + "/users";
  }

  @Test
  void revocationRecordedByAnotherNodeStopsTheTokenHereWithinTheStalenessBound() throws Exception {
    String token = api.token(slug, "service", SECRET);
    assertThat(api.get(users).bearer(token).send().status()).isEqualTo(200);
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

    Instant recorded = Instant.now();
    insert(claims.getJWTID(), claims.getExpirationTime().toInstant());
    int status = 200;
    while (status == 200
        && Instant.now().isBefore(recorded.plus(RevocationList.MAX_STALENESS).plusSeconds(5))) {
      Thread.sleep(200);
      status = api.get(users).bearer(token).send().status();
    }

    assertThat(status).isEqualTo(401);
    assertThat(Duration.between(recorded, Instant.now()))
        .isLessThan(RevocationList.MAX_STALENESS.plusSeconds(5));
  }

  @Test
  void purgeDeletesOnlyTheRowsOfExpiredTokens() {
    insert("expired-long-ago", Instant.now().minusSeconds(3600));
    insert("still-alive", Instant.now().plusSeconds(300));

    purge.purge();

    assertThat(recordedJtis()).containsExactly("still-alive");
  }

  @Test
  void tokenWhoseIssuanceWasNotAuditedIsRevokedAndThatIsAudited() throws Exception {
    String token = api.token(slug, "service", SECRET);
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

    revoker.revokeUnrecorded(
        tenant,
        new TokenRevoker.Revocable(
            "service",
            "service",
            "client",
            claims.getJWTID(),
            claims.getExpirationTime().toInstant()));

    assertThat(api.get(users).bearer(token).send().status()).isEqualTo(401);
    JsonNode entry = TestAudit.last(ledger, tenant, "token.revoked");
    assertThat(entry.get("details").get("reason").asString()).isEqualTo("recording_failed");
    assertThat(entry.get("actor").get("type").asString()).isEqualTo("system");
    assertThat(recordedJtis()).containsExactly(claims.getJWTID());
  }

  @Test
  void theRuntimeRoleSeesOnlyTheBoundTenantsRevocations() {
    insert("acme-token", Instant.now().plusSeconds(300));
    TestApi.Response other =
        api.post("/api/v1/tenants")
            .bearer(api.adminToken())
            .json(TestTenants.globex().json())
            .send();
    TenantId globex = TenantId.parse(other.json().get("id").asString());

    List<String> seenFromGlobex =
        TenantContext.callAs(
            globex,
            () -> jdbc.sql("select jti from revoked_access_tokens").query(String.class).list());
    List<String> seenUnbound =
        jdbc.sql("select jti from revoked_access_tokens").query(String.class).list();

    assertThat(seenFromGlobex).isEmpty();
    assertThat(seenUnbound).isEmpty();
    assertThat(recordedJtis()).containsExactly("acme-token");
  }

  private void insert(String jti, Instant expiresAt) {
    TenantContext.runAs(
        tenant,
        () ->
            jdbc.sql(
                    "insert into revoked_access_tokens (tenant_id, jti, expires_at) values (?, ?, ?)")
                .params(tenant.value(), jti, Timestamp.from(expiresAt))
                .update());
  }

  private List<String> recordedJtis() {
    return TenantContext.callAs(
        tenant,
        () ->
            jdbc.sql("select jti from revoked_access_tokens where tenant_id = ? order by jti")
                .param(tenant.value())
                .query(String.class)
                .list());
  }
}
