package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every append reads its log's frontier with {@link PostgresNodeStore#READ_NODES}. For a tenant
 * that the last ANALYZE did not see, the default statistics of {@code audit_entries.tenant_id}
 * estimated one entry, and PostgreSQL read the leaves through the {@code (tenant_id, event_id)}
 * index, visiting every entry of the tenant. {@code V24__audit_tenant_statistics.sql} keeps the
 * lookup on the primary key for tenants seen and unseen.
 */
class NodeReadPlanIntegrationTests {

  private static final Map<String, String> PLACEHOLDERS =
      Map.of("app_role", "bulwark_app", "system_region", "local");

  @Test
  void frontierOfATenantUnseenByAnalyzeIsReadThroughThePrimaryKey() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection admin = postgres.getPostgresDatabase().getConnection();
          Statement statement = admin.createStatement()) {
        statement.execute("create role bulwark_app login");
        statement.execute("create role audit_owner login nosuperuser password 'owner'");
        statement.execute("create database ledger owner audit_owner");
      }
      DataSource owner =
          new DriverManagerDataSource(
              postgres.getJdbcUrl("audit_owner", "ledger"), "audit_owner", "owner");
      migrate(owner, "23");
      JdbcClient jdbc = JdbcClient.create(owner);
      TenantId large = tenantWithEntries(owner, 60_000);
      for (int i = 0; i < 3; i++) {
        tenantWithEntries(owner, 40_000);
      }
      jdbc.sql("analyze audit_entries").update();
      TenantId grownSinceAnalyze = tenantWithEntries(owner, 40_000);

      // The plan V24 is there to prevent: without it the test would not show anything.
      assertThat(frontierScan(owner, grownSinceAnalyze, 39_999))
          .contains("audit_entries_tenant_id_event_id_key");

      migrate(owner, "24");
      TenantId createdAfter = tenantWithEntries(owner, 40_000);

      for (TenantId tenant : List.of(createdAfter, grownSinceAnalyze, large)) {
        assertThat(frontierScan(owner, tenant, 39_999))
            .as("tenant %s", tenant)
            .contains("using audit_entries_pkey");
      }
    }
  }

  /** A tenant whose log holds {@code entries} entries (no nodes: only the plan matters here). */
  private static TenantId tenantWithEntries(DataSource owner, int entries) throws Exception {
    TenantId tenant = new TenantId(UUID.randomUUID());
    JdbcClient.create(owner)
        .sql(
            "insert into tenants (id, slug, display_name, region, status)"
                + " values (?, ?, 'Tenant', 'local', 'active')")
        .params(tenant.value(), "t-" + tenant.value().toString().substring(0, 8))
        .update();
    inTenant(
        owner,
        tenant,
        bound ->
            bound
                .sql(
                    "insert into audit_entries (tenant_id, idx, event_id, occurred_at,"
                        + " recorded_at, category, action, outcome, actor_type, actor_id,"
                        + " correlation_id, break_glass, body, leaf_hash)"
                        + " select ?, i, gen_random_uuid(), now(), now(), 'data_access',"
                        + " 'secret.read', 'success', 'service', 'svc-' || (i % 7), 'c-' || i,"
                        + " false, '{}'::bytea, sha256(int8send(i))"
                        + " from generate_series(0, ? - 1) as i")
                .params(tenant.value(), entries)
                .update());
    return tenant;
  }

  /** The line of the plan that scans {@code audit_entries}, as the runtime would run it. */
  private static String frontierScan(DataSource owner, TenantId tenant, long leaf)
      throws Exception {
    StringBuilder scan = new StringBuilder();
    inTenant(
        owner,
        tenant,
        bound ->
            bound
                .sql("explain " + PostgresNodeStore.READ_NODES)
                .params(
                    tenant.value(),
                    new long[] {leaf},
                    tenant.value(),
                    new long[0],
                    new long[0],
                    new long[0],
                    tenant.value())
                .query(String.class)
                .list()
                .stream()
                .filter(line -> line.contains(" on audit_entries"))
                .forEach(scan::append));
    return scan.toString();
  }

  private interface Work {
    void run(JdbcClient bound) throws Exception;
  }

  /** Runs work on one connection bound to the tenant, as the runtime binds it. */
  private static void inTenant(DataSource owner, TenantId tenant, Work work) throws Exception {
    try (Connection connection = owner.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set bulwark.tenant_id = '" + tenant + "'");
        // Plans for these parameters, as appends do (JdbcAuditLedger.lockedHead).
        statement.execute("set plan_cache_mode = force_custom_plan");
      }
      work.run(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
    }
  }

  private static void migrate(DataSource owner, String target) {
    Flyway.configure().dataSource(owner).placeholders(PLACEHOLDERS).target(target).load().migrate();
  }
}
