package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.platform.TenantContext;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tampering done directly in PostgreSQL as the schema owner, who bypasses the runtime role's grants
 * (and, for the test, the append-only triggers), is found by {@code POST …/audit/verify}.
 */
@BulwarkIntegrationTest
class AuditTamperIntegrationTests {

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithSixEntriesAndACheckpoint() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
    Response appended =
        api.post(acme.path("/events")).bearer(acme.token).json(batchOf(0, 6)).send();
    assertThat(appended.status()).isEqualTo(201);
    assertThat(api.get(acme.path("/checkpoint")).bearer(acme.token).send().status()).isEqualTo(200);
  }

  @Test
  void untouchedLogVerifiesIntact() {
    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isTrue();
    assertThat(result.get("first_bad_index").isNull()).isTrue();
    assertThat(result.get("size").asLong()).isEqualTo(6);
  }

  @Test
  void modifiedBodyIsReportedAtItsIndex() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_entries set body = convert_to(replace(convert_from(body, 'UTF8'),"
            + " 'db-password', 'db-passw0rd'), 'UTF8') where tenant_id = ? and idx = 3");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(3);
  }

  @Test
  void deletedRowIsReportedAtItsIndex() throws SQLException {
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx = 2");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(2);
  }

  @Test
  void deletedLastRowIsReportedAtItsIndex() throws SQLException {
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx = 5");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(5);
  }

  @Test
  void swappedRowsAreReportedAtTheFirstOfThem() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_entries a set body = b.body from audit_entries b"
            + " where a.tenant_id = ? and b.tenant_id = a.tenant_id"
            + " and ((a.idx = 1 and b.idx = 4) or (a.idx = 4 and b.idx = 1))");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(1);
  }

  @Test
  void insertedRowIsReportedAtItsIndex() throws SQLException {
    acme.asOwner(
        owner,
        "insert into audit_entries (tenant_id, idx, event_id, occurred_at, recorded_at, category,"
            + " action, outcome, actor_type, actor_id, resource_type, resource_id, correlation_id,"
            + " break_glass, body) select tenant_id, 6, gen_random_uuid(), occurred_at,"
            + " recorded_at, category, action, outcome, actor_type, actor_id, resource_type,"
            + " resource_id, correlation_id, break_glass, body from audit_entries"
            + " where tenant_id = ? and idx = 5");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(6);
  }

  @Test
  void rewrittenLeafHashIsCaughtByTheParentNode() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_entries set leaf_hash = sha256('forged'::bytea) where tenant_id = ?"
            + " and idx = 4");

    JsonNode result = verify("");

    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(4);
  }

  @Test
  void appendOnTopOfAnAlteredFrontierIsRefused() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_nodes set hash = sha256('forged'::bytea) where tenant_id = ? and level = 1"
            + " and idx = 2");

    Response append = api.post(acme.path("/events")).bearer(acme.token).json(batchOf(6, 1)).send();
    JsonNode result = verify("");

    assertThat(append.status()).isEqualTo(500);
    assertThat(append.problemType()).isEqualTo("https://bulwark.io/problems/audit-log-damaged");
    assertThat(result.get("intact").asBoolean()).isFalse();
    assertThat(result.get("first_bad_index").asLong()).isEqualTo(4);
    assertThat(result.get("size").asLong()).isEqualTo(6);
  }

  @Test
  void tokenWhoseIssuanceCannotBeRecordedIsNotHandedOut() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_nodes set hash = sha256('forged'::bytea) where tenant_id = ? and level = 1"
            + " and idx = 2");

    Response token =
        api.post("/t/" + acme.slug + "/oauth2/token")
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(("writer:" + AuditFixtures.SECRET).getBytes()))
            .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
            .send();

    assertThat(token.body()).doesNotContain("access_token");
    assertThat(token.json().get("error").asString()).isEqualTo("server_error");
    assertThat(verify("").get("size").asLong()).isEqualTo(6);
  }

  @Test
  void verifyingARangeBeforeTheTamperedEntryStillPasses() throws SQLException {
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx = 4");

    JsonNode before = verify("{\"from\": 0, \"to\": 4}");
    JsonNode including = verify("{\"from\": 2, \"to\": 5}");

    assertThat(before.get("intact").asBoolean()).isTrue();
    assertThat(including.get("intact").asBoolean()).isFalse();
    assertThat(including.get("first_bad_index").asLong()).isEqualTo(4);
  }

  @Test
  void runtimeRoleCannotUpdateOrDeleteLedgerRows() {
    for (String sql :
        new String[] {
          "update audit_entries set action = 'forged.action' where tenant_id = ?",
          "delete from audit_entries where tenant_id = ?",
          "update audit_nodes set hash = hash where tenant_id = ?",
          "delete from audit_nodes where tenant_id = ?",
          "update audit_entries set leaf_hash = null where tenant_id = ?",
          "update audit_node_tiles set hashes = hashes where tenant_id = ?",
          "delete from audit_node_tiles where tenant_id = ?",
          "delete from audit_checkpoints where tenant_id = ?"
        }) {
      assertThatThrownBy(() ->
              TenantContext.runAs(
                  acme.tenant,
                  () ->
                      transactions.executeWithoutResult(
                          status -> jdbc.sql(sql).param(acme.tenant.value()).update())))
          .as(sql)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("permission denied");
    }
    assertThat(verify("").get("intact").asBoolean()).isTrue();
  }

  @Test
  void appendOnlyTriggerRefusesEvenTheOwner() {
    assertThatThrownBy(
            () -> {
              try (Connection connection = owner.getConnection();
                  PreparedStatement statement =
                      connection.prepareStatement(
                          "delete from audit_entries where tenant_id = ?")) {
                statement.setObject(1, acme.tenant.value());
                statement.executeUpdate();
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  private JsonNode verify(String body) {
    TestApi.Request request = api.post(acme.path("/verify")).bearer(acme.token);
    if (!body.isEmpty()) {
      request.json(body);
    }
    Response response = request.send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }
}
