package io.bulwark.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of one pruning run over a tenant's log.
 *
 * @param pruned how many entry bodies were dropped
 * @param firstIndex the lowest index pruned, when any was
 * @param lastIndex the highest index pruned, when any was
 * @param cutoff entries recorded before this moment were due under the tenant's period
 * @param held due entries kept because a legal hold covers them
 * @param retained due entries kept by another retention rule (such as the six-year floor of
 *     sensitive entries)
 * @param auditIndex the index of the {@code audit.pruned} entry that records this run, when
 *     anything was pruned
 */
public record AuditPruning(
    long pruned,
    OptionalLong firstIndex,
    OptionalLong lastIndex,
    Instant cutoff,
    long held,
    long retained,
    OptionalLong auditIndex) {

  public AuditPruning {
    Objects.requireNonNull(firstIndex, "firstIndex");
    Objects.requireNonNull(lastIndex, "lastIndex");
    Objects.requireNonNull(cutoff, "cutoff");
    Objects.requireNonNull(auditIndex, "auditIndex");
    if (pruned < 0 || held < 0 || retained < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
