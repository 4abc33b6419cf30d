package io.bulwark.audit.internal;

import io.bulwark.audit.AuditEntrySummary;
import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One named retention rule. An entry's body is pruned only when every rule allows it, so the
 * longest applicable retention wins and any rule can keep an entry; a new rule is one more bean.
 */
interface AuditRetentionPolicy {

  /**
   * @return the rule's name, as reports and logs show it
   */
  String name();

  /**
   * @param candidate an entry past the tenant's retention period
   * @return allow, or reject with a reason
   */
  RetentionDecision decide(Candidate candidate);

  /**
   * An entry the pruning run is considering.
   *
   * @param tenant whose log
   * @param entry the entry's summary
   * @param tenantPeriod the tenant's retention period
   * @param now the moment retention is judged at
   */
  record Candidate(TenantId tenant, AuditEntrySummary entry, Period tenantPeriod, Instant now) {
    public Candidate {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(tenantPeriod, "tenantPeriod");
      Objects.requireNonNull(now, "now");
    }

    /**
     * @return whether the entry was recorded longer than {@code period} before {@code now}
     */
    boolean olderThan(Period period) {
      return entry.recordedAt().isBefore(now.atOffset(ZoneOffset.UTC).minus(period).toInstant());
    }
  }
}
