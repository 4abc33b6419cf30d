package io.bulwark.audit.internal;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The tenant's own retention period (default seven years) must have run out. */
@Component
@Order(10)
final class TenantPeriodPolicy implements AuditRetentionPolicy {

  @Override
  public String name() {
    return "tenant-retention-period";
  }

  @Override
  public RetentionDecision decide(Candidate candidate) {
    return candidate.olderThan(candidate.tenantPeriod())
        ? RetentionDecision.allow()
        : RetentionDecision.reject(name(), "within the tenant's retention period");
  }
}
