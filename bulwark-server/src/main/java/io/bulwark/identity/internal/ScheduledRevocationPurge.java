package io.bulwark.identity.internal;

import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes revoked-token rows whose tokens have expired (a revocation matters only until then),
 * every 15 minutes, tenant by tenant. Each purge is one idempotent delete, so nodes running it at
 * once do no harm.
 */
@Component
final class ScheduledRevocationPurge {

  private final Tenants tenants;
  private final RevocationList revocations;

  ScheduledRevocationPurge(Tenants tenants, RevocationList revocations) {
    this.tenants = tenants;
    this.revocations = revocations;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
  void purge() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        revocations.purgeExpired(tenant.id());
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
