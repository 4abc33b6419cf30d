package io.bulwark.audit.internal;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No audit entry is pruned within a year of being recorded, whatever was stored as the tenant's
 * period (SOC 2 evidence covers a year of activity).
 */
@Component
@Order(20)
final class AuditLogFloorPolicy implements AuditRetentionPolicy {

  @Override
  public String name() {
    return "audit-log-floor";
  }

  @Override
  public RetentionDecision decide(Candidate candidate) {
    return candidate.olderThan(JdbcAuditRetention.FLOOR)
        ? RetentionDecision.allow()
        : RetentionDecision.reject(
            name(), "recorded less than " + JdbcAuditRetention.FLOOR + " ago");
  }
}
