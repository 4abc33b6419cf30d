package io.bulwark.audit;

import java.time.Period;
import java.util.Objects;

/**
 * A tenant's audit retention: how long entry bodies are kept after the log recorded them, and the
 * floors no setting can go below.
 *
 * @param retentionPeriod the tenant's period (the default when it never set one)
 * @param defaulted whether the tenant never set one
 * @param floor the shortest period any tenant may set
 * @param sensitiveFloor the period below which entries classified {@code customer_highly_sensitive}
 *     (PHI, financial, credentials) are never pruned, whatever the tenant's period
 * @see <a href="https://www.law.cornell.edu/cfr/text/45/164.316">45 CFR §164.316(b)(2): six
 *     years</a>
 */
public record AuditRetentionSetting(
    Period retentionPeriod, boolean defaulted, Period floor, Period sensitiveFloor) {

  public AuditRetentionSetting {
    Objects.requireNonNull(retentionPeriod, "retentionPeriod");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(sensitiveFloor, "sensitiveFloor");
  }
}
