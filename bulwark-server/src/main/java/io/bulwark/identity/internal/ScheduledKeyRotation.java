package io.bulwark.identity.internal;

import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotates every active tenant's signing keys once the current key has signed for the rotation
 * period ({@code BULWARK_KEY_ROTATION_PERIOD}, 30 days by default). Checks hourly; each tenant's
 * check runs under that tenant's advisory lock, so several nodes may run this safely.
 */
@Component
final class ScheduledKeyRotation {

  private static final Logger log = LoggerFactory.getLogger(ScheduledKeyRotation.class);

  private final Tenants tenants;
  private final SigningKeys signingKeys;
  private final Duration period;

  ScheduledKeyRotation(
      Tenants tenants,
      SigningKeys signingKeys,
      @Value("${bulwark.identity.key-rotation-period}") Duration period) {
    if (period.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalStateException("BULWARK_KEY_ROTATION_PERIOD must be at least one hour");
    }
    this.tenants = tenants;
    this.signingKeys = signingKeys;
    this.period = period;
  }

  @Scheduled(
      initialDelayString = "${bulwark.identity.key-rotation-check:PT1H}",
      fixedDelayString = "${bulwark.identity.key-rotation-check:PT1H}")
  void rotateDueKeys() {
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        if (tenant.active() && signingKeys.rotateIfDue(tenant.id(), period)) {
          log.atInfo()
              .setMessage("Rotated signing keys on schedule")
              .addKeyValue("tenant", tenant.slug().value())
              .log();
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
  }
}
