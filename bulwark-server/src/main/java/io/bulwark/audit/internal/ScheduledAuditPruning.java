package io.bulwark.audit.internal;

import io.bulwark.audit.AuditRetention;
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
 * Prunes every tenant's log once per {@code bulwark.audit.prune-interval} (a day by default). Each
 * tenant's run takes a try-lock of its own, so several nodes may run this at once without pruning
 * (or recording) twice.
 */
@Component
final class ScheduledAuditPruning {

  private static final Logger log = LoggerFactory.getLogger(ScheduledAuditPruning.class);

  private final Tenants tenants;
  private final AuditRetention retention;

  ScheduledAuditPruning(Tenants tenants, AuditRetention retention) {
    this.tenants = tenants;
    this.retention = retention;
  }

  @Scheduled(
      initialDelayString = "${bulwark.audit.prune-interval:P1D}",
      fixedDelayString = "${bulwark.audit.prune-interval:P1D}")
  void pruneEveryLog() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        try {
          retention.prune(tenant.id());
        } catch (RuntimeException e) {
          log.atWarn()
              .setMessage("Could not prune an audit log")
              .addKeyValue("tenant_id", tenant.id().toString())
              .addKeyValue("error", e.getClass().getSimpleName())
              .log();
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
