package io.bulwark.audit.internal;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.audit.AuditFixtures;
import io.bulwark.ledger.merkle.RangeVerification;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.TenantContext;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.sql.SQLException;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link StreamedRangeVerifier} with chunks of a tile or a few, so a 1,300-entry log (five complete
 * tiles and a partial one) spans several {@code COPY} statements: whatever the chunk and the range,
 * an intact log verifies, and what is wrong in a later chunk, at a chunk boundary or only in the
 * nodes checked between chunks is found at its first entry.
 */
@BulwarkIntegrationTest
class StreamedRangeVerifierIntegrationTests {

  private static final long SIZE = 1300;

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired JdbcTemplate template;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  AuditFixtures acme;

  @BeforeEach
  void tenantWith1300Entries() {
    TestApi api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
    for (int from = 0; from < SIZE; from += 1000) {
      int count = (int) Math.min(1000, SIZE - from);
      Response appended =
          api.post(acme.path("/events")).bearer(acme.token).json(batchOf(from, count)).send();
      assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
    }
  }

  @Test
  void intactLogVerifiesWhateverTheChunkAndRange() {
    long[][] ranges = {{0, SIZE}, {100, 1000}, {256, 768}, {1299, 1300}, {500, 500}, {0, 0}};
    for (int chunk : new int[] {256, 512, 768, StreamedRangeVerifier.CHUNK_LEAVES}) {
      for (long[] range : ranges) {
        assertThat(verify(chunk, range[0], range[1]))
            .as("chunk %d, range %d to %d", chunk, range[0], range[1])
            .isEqualTo(new RangeVerification.Intact(range[0], range[1], SIZE));
      }
    }
  }

  @Test
  void bodyChangedInALaterChunkIsFoundAtItsIndex() throws SQLException {
    acme.asOwner(
        owner,
        "update audit_entries set body = convert_to(replace(convert_from(body, 'UTF8'),"
            + " 'db-password', 'db-passw0rd'), 'UTF8') where tenant_id = ? and idx = 900");

    assertMismatch(verify(256, 0, SIZE), 900, "leaf hash of the entry does not match");
    assertMismatch(verify(256, 600, 1000), 900, "leaf hash of the entry does not match");
    assertThat(verify(256, 0, 900).intact()).isTrue();
  }

  @Test
  void rowMissingAtAChunkBoundaryIsFoundAtItsIndex() throws SQLException {
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx = 512");

    assertMismatch(verify(256, 0, SIZE), 512, "entry is missing or out of place");
    assertMismatch(verify(512, 300, SIZE), 512, "entry is missing or out of place");
  }

  @Test
  void lastRowsMissingAreFoundAtTheFirstOfThem() throws SQLException {
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx >= 1290");

    assertMismatch(verify(256, 0, SIZE), 1290, "entry is missing or out of place");
  }

  @Test
  void tileNodeChangedBeforeALaterBadBodyIsFoundFirst() throws SQLException {
    // Tile 3 covers entries 768 to 1023; its first hash is the node over entries 768 and 769.
    acme.asOwner(
        owner,
        "update audit_node_tiles set hashes = overlay(hashes placing sha256('forged'::bytea)"
            + " from 1 for 32) where tenant_id = ? and tile = 3");
    acme.asOwner(
        owner,
        "update audit_entries set body = convert_to(replace(convert_from(body, 'UTF8'),"
            + " 'db-password', 'db-passw0rd'), 'UTF8') where tenant_id = ? and idx = 1100");

    assertMismatch(verify(256, 0, SIZE), 768, "stored node does not match");
    assertMismatch(verify(512, 768, SIZE), 768, "stored node does not match");
  }

  @Test
  void nodeAboveTheTilesIsCheckedBetweenChunks() throws SQLException {
    // The node over entries 512 to 1023 (level 9) lives in audit_nodes, not in a tile.
    acme.asOwner(
        owner,
        "update audit_nodes set hash = sha256('forged'::bytea) where tenant_id = ?"
            + " and level = 9 and idx = 1");

    assertMismatch(verify(256, 0, SIZE), 512, "stored node does not match");
    assertThat(verify(256, 0, 1000).intact()).isTrue();
  }

  @Test
  void missingTileIsAMissingNode() throws SQLException {
    acme.asOwner(owner, "delete from audit_node_tiles where tenant_id = ? and tile = 2");

    assertMismatch(verify(256, 0, SIZE), 512, "node is missing from the store");
  }

  private static void assertMismatch(RangeVerification result, long firstBad, String reason) {
    assertThat(result).isInstanceOf(RangeVerification.NodeMismatch.class);
    RangeVerification.NodeMismatch mismatch = (RangeVerification.NodeMismatch) result;
    assertThat(mismatch.firstBadIndex()).as(mismatch.toString()).isEqualTo(firstBad);
    assertThat(mismatch.reason()).startsWith(reason);
  }

  /** Verifies {@code [begin, end)} as {@code POST …/verify} does, in chunks of {@code chunk}. */
  private RangeVerification verify(int chunk, long begin, long end) {
    TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
    return TenantContext.callAs(
        acme.tenant,
        () ->
            snapshot.execute(status -> {
              Sha256Hash root =
                  jdbc.sql("select root_hash from audit_heads where tenant_id = ?")
                      .param(acme.tenant.value())
                      .query((row, n) -> Sha256Hash.of(row.getBytes(1)))
                      .single();
              StreamedRangeVerifier verifier =
                  new StreamedRangeVerifier(
                      new PostgresNodeStore(jdbc, acme.tenant, SIZE), acme.tenant, SIZE, chunk);
              return Objects.requireNonNull(
                  template.execute(
                      (ConnectionCallback<RangeVerification>)
                          connection -> verifier.verify(connection, begin, end, root)));
            }));
  }
}
