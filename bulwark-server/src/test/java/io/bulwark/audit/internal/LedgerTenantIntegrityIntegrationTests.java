package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ledger rows carry no foreign key of their own (V25); the head every append writes does, so a log
 * of a tenant that does not exist is refused whole.
 */
@BulwarkIntegrationTest
class LedgerTenantIntegrityIntegrationTests {

  @Autowired JdbcAuditLedger ledger;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  @Test
  void appendToATenantThatDoesNotExistStoresNothing() {
    TenantId unknown = new TenantId(UUID.randomUUID());
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Enough to complete a tile: entries, a tile and node rows are all written before the head.
      events.add(
          AuditEvent.builder(
                  AuditCategory.SYSTEM,
                  "test.orphan",
                  AuditOutcome.SUCCESS,
                  AuditActor.system("tenant-integrity-test"))
              .build());
    }

    assertThatThrownBy(() -> ledger.append(unknown, events))
        .isInstanceOf(DataIntegrityViolationException.class);

    JdbcClient jdbc = JdbcClient.create(owner);
    for (String table :
        List.of("audit_entries", "audit_nodes", "audit_node_tiles", "audit_heads")) {
      assertThat(
              jdbc.sql("select count(*) from " + table + " where tenant_id = ?")
                  .param(unknown.value())
                  .query(Long.class)
                  .single())
          .as(table)
          .isZero();
    }
  }
}
