package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every append reads its log's frontier with {@link PostgresNodeStore#READ_NODES}. For a tenant
 * that the last ANALYZE did not see, the default statistics of the ledger tables' {@code tenant_id}
 * estimated one row, and PostgreSQL read the leaves through the {@code (tenant_id, event_id)} index
 * and the nodes by a scan of the tenant's primary-key range, visiting every entry and node of the
 * tenant. {@code V24__audit_tenant_statistics.sql} keeps both on key probes for tenants seen and
 * unseen.
 */
class NodeReadPlanIntegrationTests {

  /** The index condition of an audit_nodes lookup that probes each wanted node's key. */
  private static final String NODE_PROBE = "AND (level = wanted.level) AND (idx = wanted.idx)";

  @Test
  void frontierOfATenantUnseenByAnalyzeIsReadThroughThePrimaryKey() throws Exception {
    try (OwnedLedgerDatabase database = OwnedLedgerDatabase.start()) {
      database.migrateTo("23");
      TenantId large = tenantWithEntries(database, 60_000);
      for (int i = 0; i < 3; i++) {
        tenantWithEntries(database, 40_000);
      }
      database.owner().sql("analyze audit_entries, audit_nodes").update();
      TenantId grownSinceAnalyze = tenantWithEntries(database, 40_000);

      // The plans V24 is there to prevent: every entry and every node of the tenant visited.
      assertThat(frontierPlan(database, grownSinceAnalyze, 40_000))
          .contains("Index Scan using audit_entries_tenant_id_event_id_key on audit_entries")
          .doesNotContain(NODE_PROBE);

      database.migrateTo("24");
      TenantId createdAfter = tenantWithEntries(database, 40_000);

      for (TenantId tenant : List.of(createdAfter, grownSinceAnalyze, large)) {
        assertThat(frontierPlan(database, tenant, 40_000))
            .as("tenant %s", tenant)
            .contains("Index Scan using audit_entries_pkey on audit_entries")
            .contains(NODE_PROBE);
      }
    }
  }

  /**
   * A tenant whose log holds {@code entries} entries and, in {@code audit_nodes}, one node per two
   * entries (not a real tree: only the plans matter here).
   */
  private static TenantId tenantWithEntries(OwnedLedgerDatabase database, int entries)
      throws Exception {
    TenantId tenant = new TenantId(UUID.randomUUID());
    database
        .owner()
        .sql(
            "insert into tenants (id, slug, display_name, region, status)"
                + " values (?, ?, 'Tenant', 'local', 'active')")
        .params(tenant.value(), "t-" + tenant.value().toString().substring(0, 8))
        .update();
    database.inTenant(
        tenant,
        bound -> {
          bound
              .sql(
                  "insert into audit_entries (tenant_id, idx, event_id, occurred_at, recorded_at,"
                      + " category, action, outcome, actor_type, actor_id, correlation_id,"
                      + " break_glass, body, leaf_hash)"
                      + " select ?, i, gen_random_uuid(), now(), now(), 'data_access',"
                      + " 'secret.read', 'success', 'service', 'svc-' || (i % 7), 'c-' || i,"
                      + " false, '{}'::bytea, sha256(int8send(i))"
                      + " from generate_series(0, ? - 1) as i")
              .params(tenant.value(), entries)
              .update();
          bound
              .sql(
                  "insert into audit_nodes (tenant_id, level, idx, hash)"
                      + " select ?, 1, i, sha256(int8send(i)) from generate_series(0, ? / 2 - 1) as i")
              .params(tenant.value(), entries)
              .update();
        });
    return tenant;
  }

  /**
   * The plan of a frontier read as an append of a log of {@code size} entries makes it (planned for
   * its parameters, as appends plan it: {@code JdbcAuditLedger.lockedHead}): its last leaf and the
   * level-1 node before it.
   */
  private static String frontierPlan(OwnedLedgerDatabase database, TenantId tenant, long size)
      throws Exception {
    StringBuilder plan = new StringBuilder();
    database.inTenant(
        tenant,
        bound -> {
          bound.sql("set plan_cache_mode = force_custom_plan").update();
          bound
              .sql("explain " + PostgresNodeStore.READ_NODES)
              .params(
                  tenant.value(),
                  new long[] {size - 1},
                  tenant.value(),
                  new long[0],
                  new long[] {1},
                  new long[] {size / 2 - 1},
                  tenant.value())
              .query(String.class)
              .list()
              .forEach(line -> plan.append(line).append('\n'));
        });
    return plan.toString();
  }
}
