package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security holds even for a query with no tenant filter at all: inside tenant A's
 * transaction, tenant B's rows are invisible and cannot be written.
 */
@BulwarkIntegrationTest
class TenantIsolationIntegrationTests {

  @Autowired Tenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  TenantId a;
  TenantId b;

  @BeforeEach
  void twoTenantsWithRowsOfTheirOwn() {
    a = create(TestTenants.acme().slug());
    b = create(TestTenants.globex().slug());
    insertRole(a, "client-of-a");
    insertRole(b, "client-of-b");
  }

  @Test
  void unfilteredSelectInTenantATransactionSeesNoRowOfTenantB() {
    List<Map<String, Object>> rows =
        inTransactionOf(a, () -> jdbc.sql("select * from role_assignments").query().listOfRows());

    assertThat(rows).isNotEmpty();
    assertThat(rows).allSatisfy(row -> assertThat(row.get("tenant_id")).isEqualTo(a.value()));
    assertThat(rows)
        .noneSatisfy(row -> assertThat(row.get("principal_id")).isEqualTo("client-of-b"));
  }

  @Test
  void insertingTenantBRowFromTenantATransactionFails() {
    assertThatThrownBy(() ->
            inTransactionOf(
                a,
                () ->
                    jdbc.sql(
                            "insert into role_assignments (tenant_id, principal_type,"
                                + " principal_id, role) values (?, 'client', 'intruder', 'x')")
                        .param(b.value())
                        .update()))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("violates row-level security policy");
    assertThat(inTransactionOf(b, () -> count("intruder"))).isZero();
  }

  @Test
  void updatingAndDeletingTenantBRowsFromTenantATransactionTouchNothing() {
    int updated =
        inTransactionOf(
            a, () -> jdbc.sql("update role_assignments set role = 'hijacked'").update());
    int deleted =
        inTransactionOf(
            a,
            () ->
                jdbc.sql("delete from role_assignments where principal_id = 'client-of-b'")
                    .update());

    assertThat(updated).isEqualTo(1);
    assertThat(deleted).isZero();
    assertThat(inTransactionOf(b, () -> count("client-of-b"))).isEqualTo(1);
  }

  @Test
  void withNoTenantBoundNoTenantOwnedRowIsVisible() {
    long visible =
        transactions.execute(
            status -> jdbc.sql("select count(*) from role_assignments").query(Long.class).single());

    assertThat(visible).isZero();
  }

  @Test
  void reusedConnectionCarriesOnlyTheTenantOfEachCheckoutEvenAfterARollback() {
    for (int i = 0; i < 20; i++) {
      assertThat(TenantContext.callAs(a, this::visibleTenants)).containsExactly(a.value());
      assertThat(TenantContext.callAs(a, this::visibleTenants)).containsExactly(a.value());
      assertThat(TenantContext.callAs(b, this::visibleTenants)).containsExactly(b.value());
      assertThat(visibleTenants()).isEmpty();
      TenantContext.runAs(
          a,
          () ->
              transactions.executeWithoutResult(status -> {
                jdbc.sql("update role_assignments set role = 'rolled-back'").update();
                status.setRollbackOnly();
              }));
      assertThat(TenantContext.callAs(b, this::visibleTenants)).containsExactly(b.value());
    }
  }

  private List<Object> visibleTenants() {
    return jdbc.sql("select distinct tenant_id from role_assignments")
        .query((rs, n) -> rs.getObject(1))
        .list();
  }

  @Test
  void everyTenantOwnedTableHasForcedRowLevelSecurity() {
    List<Map<String, Object>> tables =
        jdbc.sql(
                """
                select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
                  from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public' and c.relkind = 'r'
                   and c.relname not in ('audit_pending_checkpoints', 'secret_rewrap_queue')
                   and exists (select 1 from information_schema.columns col
                                where col.table_schema = 'public' and col.table_name = c.relname
                                  and col.column_name = 'tenant_id')
                """)
            .query()
            .listOfRows();

    assertThat(tables)
        .extracting(row -> row.get("relname"))
        .contains("role_assignments", "signing_keys");
    assertThat(tables)
        .allSatisfy(row -> {
          assertThat(row.get("relrowsecurity")).as("%s RLS", row.get("relname")).isEqualTo(true);
          assertThat(row.get("relforcerowsecurity"))
              .as("%s forced", row.get("relname"))
              .isEqualTo(true);
          assertThat((Long) row.get("policies")).as("%s policy", row.get("relname")).isPositive();
        });
  }

  @Test
  void runtimeRoleIsNeitherSuperuserNorOwnerNorExemptFromRowSecurity() {
    Map<String, Object> role =
        jdbc.sql(
                "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
            .query()
            .singleRow();
    long owned =
        jdbc.sql(
                "select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user")
            .query(Long.class)
            .single();

    assertThat(role.get("rolsuper")).isEqualTo(false);
    assertThat(role.get("rolbypassrls")).isEqualTo(false);
    assertThat(owned).isZero();
  }

  private TenantId create(String slug) {
    return tenants.create(new NewTenant(new TenantSlug(slug), "Tenant " + slug, "eu-west")).id();
  }

  private void insertRole(TenantId tenant, String principal) {
    inTransactionOf(
        tenant,
        () ->
            jdbc.sql(
                    "insert into role_assignments (tenant_id, principal_type, principal_id, role)"
                        + " values (?, 'client', ?, 'reader')")
                .params(tenant.value(), principal)
                .update());
  }

  private long count(String principal) {
    return jdbc.sql("select count(*) from role_assignments where principal_id = ?")
        .param(principal)
        .query(Long.class)
        .single();
  }

  private <T> T inTransactionOf(TenantId tenant, java.util.function.Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
