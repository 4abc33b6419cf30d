package io.bulwark.identity.internal;

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
 * Purges users deleted more than the grace period ago, hourly, tenant by tenant. The purge is one
 * idempotent delete per tenant, so nodes running it at once do no harm.
 */
@Component
final class ScheduledUserPurge {

  private static final Logger log = LoggerFactory.getLogger(ScheduledUserPurge.class);

  private final Tenants tenants;
  private final JdbcUsers users;

  ScheduledUserPurge(Tenants tenants, JdbcUsers users) {
    this.tenants = tenants;
    this.users = users;
  }

  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
  void purge() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        int purged = users.purgeExpired(tenant.id());
        if (purged > 0) {
          log.atInfo()
              .setMessage("Purged deleted users past their grace period")
              .addKeyValue("tenant", tenant.slug().value())
              .addKeyValue("count", purged)
              .log();
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
