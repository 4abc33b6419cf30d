package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.ledger.merkle.InMemoryNodeStore;
import io.bulwark.ledger.merkle.Rfc9162Appender;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Compact node storage (V21): leaf hashes in the entries, the interior nodes of complete 256-leaf
 * subtrees as tiles, the rest one row each. Logs grown by batches and single events across tile
 * boundaries give exactly the proofs of an in-memory tree over the same entries, and a node altered
 * inside a tile is found.
 */
@BulwarkIntegrationTest
class AuditNodeTilesIntegrationTests {

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void logGrownAcrossTileBoundariesGivesTheProofsOfTheWholeTree() throws SQLException {
    // 250 by batch, single events through the end of tile 0 (it completes in a one-event commit),
    // then batches that complete tile 1 halfway through and tiles 2 to 5 at once.
    List<Long> sizes = new ArrayList<>();
    append(0, 250);
    sizes.add(250L);
    for (int i = 250; i < 260; i++) {
      append(i, 1);
      sizes.add((long) i + 1);
    }
    append(260, 300);
    sizes.add(560L);
    append(560, 1000);
    sizes.add(1560L);

    assertThat(count("select count(*) from audit_node_tiles where tenant_id = ?")).isEqualTo(6);
    assertThat(count("select count(*) from audit_nodes where tenant_id = ? and level = 0"))
        .isZero();
    assertThat(
            count("select count(*) from audit_entries where tenant_id = ? and leaf_hash is null"))
        .isZero();
    // Above the tiles and at the right edge only: far fewer rows than the 2 per entry before.
    assertThat(count("select count(*) from audit_nodes where tenant_id = ?")).isLessThan(400);

    InMemoryNodeStore expected = expectedTree();
    Rfc9162ProofGenerator proofs = new Rfc9162ProofGenerator(expected);
    for (long size : sizes) {
      for (long index : new long[] {0, 1, 127, 128, 255, 256, 257, 511, 512, size / 2, size - 1}) {
        if (index < size) {
          assertThat(ledger.inclusionProof(acme.tenant, index, size).proof())
              .as("inclusion of %d in %d", index, size)
              .isEqualTo(proofs.inclusionProof(index, size));
        }
      }
      for (long first : sizes) {
        if (first <= size) {
          Rfc9162ConsistencyProof proof = ledger.consistencyProof(acme.tenant, first, size);
          assertThat(proof).isEqualTo(proofs.consistencyProof(first, size));
          assertThat(proof.verify(proofs.rootHash(first), proofs.rootHash(size))).isTrue();
        }
      }
    }
    AuditCheckpoint checkpoint = ledger.checkpointNow(acme.tenant);
    assertThat(checkpoint.rootHash()).isEqualTo(proofs.rootHash(1560));
    JsonNode verified = verify();
    assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
  }

  @Test
  void nodeAlteredInsideATileIsReportedAtItsFirstEntry() throws SQLException {
    append(0, 600);
    ledger.checkpointNow(acme.tenant);
    // Tile 1 covers entries 256 to 511; its node (level 3, index 40) covers entries 320 to 327 and
    // sits at 192 (levels 1 and 2: 128 + 64 hashes) + 40 - 32.
    acme.asOwner(
        owner,
        "update audit_node_tiles set hashes = overlay(hashes placing sha256('forged'::bytea)"
            + " from 200 * 32 + 1 for 32) where tenant_id = ? and tile = 1");

    JsonNode verified = verify();

    assertThat(verified.get("intact").asBoolean()).isFalse();
    assertThat(verified.get("first_bad_index").asLong()).isEqualTo(320);
  }

  @Test
  void appendOnTopOfAMissingTileIsRefused() throws SQLException {
    // A tree of 768 = 512 + 256 entries: its frontier is the node over entries 0 to 511 and the
    // root
    // of tile 2, which only that tile holds.
    append(0, 768);
    acme.asOwner(owner, "delete from audit_node_tiles where tenant_id = ? and tile = 2");

    Response refused =
        api.post(acme.path("/events")).bearer(acme.token).json(batchOf(768, 1)).send();
    JsonNode verified = verify();

    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.problemType()).isEqualTo("https://bulwark.io/problems/audit-log-damaged");
    assertThat(verified.get("intact").asBoolean()).isFalse();
    assertThat(verified.get("first_bad_index").asLong()).isEqualTo(512);
  }

  @Test
  void proofThroughADeletedTileIsRefusedThoughEarlierAppendsLeftItsNodes() throws SQLException {
    // Tile 1 (entries 256 to 511) completes in a one-event append: the first append stored its
    // interior nodes one row each, and those rows stay. The path of entry 511 inside tile 1 is made
    // only of them, but a tile complete at the proof's size is read from its tile alone.
    append(0, 511);
    append(511, 1);
    Response before =
        api.get(acme.path("/proofs/inclusion?index=511&size=512")).bearer(acme.token).send();
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    acme.asOwner(owner, "delete from audit_node_tiles where tenant_id = ? and tile = 1");

    Response refused =
        api.get(acme.path("/proofs/inclusion?index=511&size=512")).bearer(acme.token).send();

    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.problemType()).isEqualTo("https://bulwark.io/problems/audit-log-damaged");
    assertThat(verify().get("first_bad_index").asLong()).isEqualTo(256);
  }

  private void append(int from, int count) {
    Response appended =
        api.post(acme.path("/events")).bearer(acme.token).json(batchOf(from, count)).send();
    assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
  }

  /** The tree of the stored entries' bodies, built in memory. */
  private InMemoryNodeStore expectedTree() throws SQLException {
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    List<Sha256Hash> leaves = new ArrayList<>();
    try (Connection connection = owner.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select body from audit_entries where tenant_id = ? order by idx")) {
      query.setObject(1, acme.tenant.value());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          leaves.add(hasher.leafHash(rows.getBytes(1)));
        }
      }
    }
    InMemoryNodeStore store = new InMemoryNodeStore();
    store.write(
        Rfc9162Appender.create().appendLeafHashes(Rfc9162CompactRange.empty(), leaves).nodes());
    return store;
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, acme.tenant.value());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private JsonNode verify() {
    Response response = api.post(acme.path("/verify")).bearer(acme.token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }
}
