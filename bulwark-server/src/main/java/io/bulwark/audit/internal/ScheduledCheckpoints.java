package io.bulwark.audit.internal;

import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of every tenant's log that grew since its latest one, every {@code
 * bulwark.audit.checkpoint-interval} (10 s by default). Signing runs under the log's advisory lock
 * and re-checks the head, so several nodes may run this at once.
 */
@Component
final class ScheduledCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(ScheduledCheckpoints.class);

  private final Tenants tenants;
  private final JdbcAuditLedger ledger;

  ScheduledCheckpoints(Tenants tenants, JdbcAuditLedger ledger) {
    this.tenants = tenants;
    this.ledger = ledger;
  }

  @Scheduled(
      initialDelayString = "${bulwark.audit.checkpoint-interval:10s}",
      fixedDelayString = "${bulwark.audit.checkpoint-interval:10s}")
  void signGrownLogs() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        try {
          if (ledger.needsCheckpoint(tenant.id())) {
            ledger.checkpointNow(tenant.id());
          }
        } catch (RuntimeException e) {
          log.atWarn()
              .setMessage("Could not sign an audit checkpoint")
              .addKeyValue("tenant", tenant.slug().value())
              .addKeyValue("error", e.getClass().getSimpleName())
              .log();
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
