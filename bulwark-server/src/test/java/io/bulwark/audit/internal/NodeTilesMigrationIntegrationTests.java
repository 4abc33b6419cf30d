package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.merkle.InMemoryNodeStore;
import io.bulwark.ledger.merkle.MerkleNode;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.Rfc9162AppendResult;
import io.bulwark.ledger.merkle.Rfc9162Appender;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code V21__audit_node_tiles.sql} moves a log stored the old way (one {@code audit_nodes} row per
 * node, leaves included) to leaf hashes in the entries and tiles, run by an owner that is no
 * superuser (so forced row-level security applies to it): afterwards the store reads every node of
 * the tree as before, and the log keeps growing from there.
 */
class NodeTilesMigrationIntegrationTests {

  @Test
  void logStoredNodeByNodeReadsTheSameAfterTheMigrationAndGrowsOn() throws Exception {
    try (OwnedLedgerDatabase database = OwnedLedgerDatabase.start()) {
      database.migrateTo("19");

      JdbcClient jdbc = database.owner();
      TenantId tenant = new TenantId(UUID.randomUUID());
      jdbc.sql(
              "insert into tenants (id, slug, display_name, region, status)"
                  + " values (?, 'acme', 'Acme', 'local', 'active')")
          .param(tenant.value())
          .update();
      // 600 entries: tiles 0 and 1 complete, 88 entries of tile 2.
      List<byte[]> bodies = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        bodies.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
      }
      Rfc9162AppendResult legacy =
          Rfc9162Appender.create().appendLeafData(Rfc9162CompactRange.empty(), bodies);
      database.inTenant(tenant, bound -> storeTheOldWay(bound, tenant, bodies, legacy));

      database.migrate();

      InMemoryNodeStore expected = new InMemoryNodeStore();
      expected.write(legacy.nodes());
      database.inTenant(
          tenant,
          bound -> {
            assertThat(count(bound, "select count(*) from audit_node_tiles")).isEqualTo(2);
            assertThat(count(bound, "select count(*) from audit_nodes where level <= 8"))
                .as("interior nodes of the incomplete tile 2 only")
                .isEqualTo(85);
            PostgresNodeStore store = new PostgresNodeStore(bound, tenant, 600);
            List<NodeId> every = legacy.nodes().stream().map(MerkleNode::id).toList();
            assertThat(store.read(every)).isEqualTo(expected.read(every));

            // The migrated log grows: 500 more leaves complete tiles 2 and 3 on top of it.
            List<byte[]> more = new ArrayList<>();
            for (int i = 600; i < 1100; i++) {
              more.add(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            Rfc9162AppendResult grown =
                Rfc9162Appender.create().appendLeafData(Rfc9162CompactRange.read(store, 600), more);
            for (int i = 0; i < more.size(); i++) {
              insertEntry(bound, tenant, 600 + i, more.get(i));
            }
            StatementBatch writes = new StatementBatch();
            store.append(writes, 600, grown.nodes(), 1100);
            writes.execute(bound);
            expected.write(grown.nodes());
            assertThat(count(bound, "select count(*) from audit_node_tiles")).isEqualTo(4);
            // Tiles 2 and 3 are complete at 1,100: read from their rows alone, though tile 2's
            // earlier nodes are still in audit_nodes.
            Rfc9162ProofGenerator proofs =
                new Rfc9162ProofGenerator(new PostgresNodeStore(bound, tenant, 1100));
            Rfc9162ProofGenerator truth = new Rfc9162ProofGenerator(expected);
            assertThat(proofs.rootHash(1100)).isEqualTo(grown.rootHash());
            for (long index : new long[] {0, 255, 300, 599, 600, 767, 1099}) {
              assertThat(proofs.inclusionProof(index, 1100))
                  .isEqualTo(truth.inclusionProof(index, 1100));
            }
            assertThat(proofs.consistencyProof(600, 1100))
                .isEqualTo(truth.consistencyProof(600, 1100));
          });
    }
  }

  private static void storeTheOldWay(
      JdbcClient jdbc, TenantId tenant, List<byte[]> bodies, Rfc9162AppendResult nodes) {
    for (int i = 0; i < bodies.size(); i++) {
      jdbc.sql(
              "insert into audit_entries (tenant_id, idx, event_id, occurred_at, recorded_at,"
                  + " category, action, outcome, actor_type, break_glass, body) values"
                  + " (?, ?, gen_random_uuid(), now(), now(), 'system', 'test.entry', 'success',"
                  + " 'system', false, ?)")
          .params(tenant.value(), i, bodies.get(i))
          .update();
    }
    for (MerkleNode node : nodes.nodes()) {
      jdbc.sql("insert into audit_nodes (tenant_id, level, idx, hash) values (?, ?, ?, ?)")
          .params(tenant.value(), node.id().level(), node.id().index(), node.hash().toByteArray())
          .update();
    }
  }

  private static void insertEntry(JdbcClient jdbc, TenantId tenant, long index, byte[] body) {
    jdbc.sql(
            "insert into audit_entries (tenant_id, idx, event_id, occurred_at, recorded_at,"
                + " category, action, outcome, actor_type, break_glass, body, leaf_hash) values"
                + " (?, ?, gen_random_uuid(), now(), now(), 'system', 'test.entry', 'success',"
                + " 'system', false, ?, ?)")
        .params(tenant.value(), index, body, Rfc9162Hasher.create().leafHash(body).toByteArray())
        .update();
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
