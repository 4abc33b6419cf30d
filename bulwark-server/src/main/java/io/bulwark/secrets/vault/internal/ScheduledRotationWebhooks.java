package io.bulwark.secrets.vault.internal;

import io.bulwark.secrets.vault.SecretRotationWebhooks;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends the rotation webhooks of every tenant that configured one, every quarter of an hour. */
@Component
final class ScheduledRotationWebhooks {

  private static final Logger log = LoggerFactory.getLogger(ScheduledRotationWebhooks.class);

  private final Tenants tenants;
  private final SecretRotationWebhooks webhooks;

  ScheduledRotationWebhooks(Tenants tenants, SecretRotationWebhooks webhooks) {
    this.tenants = tenants;
    this.webhooks = webhooks;
  }

  @Scheduled(
      initialDelayString = "${bulwark.secrets.rotation-webhook-interval:PT15M}",
      fixedDelayString = "${bulwark.secrets.rotation-webhook-interval:PT15M}")
  void notifyDue() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        try {
          webhooks.notifyDue(tenant.id());
        } catch (RuntimeException e) {
          log.atWarn()
              .setMessage("Rotation webhooks failed for a tenant")
              .addKeyValue("tenant", tenant.slug().value())
              .addKeyValue("error", e.getClass().getSimpleName())
              .log();
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
