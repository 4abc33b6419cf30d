package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BulwarkIntegrationTest
class ScheduledCheckpointsIntegrationTests {

  @Autowired JdbcAuditLedger ledger;
  @Autowired ScheduledCheckpoints job;
  @Autowired Tenants tenants;

  @Test
  void grownLogIsPendingUntilTheJobSignsItsCheckpoint() {
    TenantId tenant =
        tenants
            .create(new NewTenant(new TenantSlug(TestTenants.acme().slug()), "Grows", "eu"))
            .id();

    ledger.append(tenant, List.of(event("record.created"), event("record.updated")));

    assertThat(ledger.pendingCheckpoints()).containsKey(tenant);
    job.signGrownLogs();
    assertThat(ledger.pendingCheckpoints()).doesNotContainKey(tenant);
    assertThat(ledger.checkpoint(tenant).treeSize()).isEqualTo(2);
  }

  private static AuditEvent event(String action) {
    return AuditEvent.builder(
            AuditCategory.DATA_ACCESS,
            action,
            AuditOutcome.SUCCESS,
            AuditActor.system("scheduled-checkpoint-test"))
        .build();
  }
}
