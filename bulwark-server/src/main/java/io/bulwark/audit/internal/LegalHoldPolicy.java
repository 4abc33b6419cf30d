package io.bulwark.audit.internal;

import io.bulwark.audit.AuditLegalHolds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A legal hold overrides retention: an entry any {@link AuditLegalHolds} holds is kept whole. */
@Component
@Order(0)
final class LegalHoldPolicy implements AuditRetentionPolicy {

  private final ObjectProvider<AuditLegalHolds> holds;

  LegalHoldPolicy(ObjectProvider<AuditLegalHolds> holds) {
    this.holds = holds;
  }

  @Override
  public String name() {
    return "legal-hold";
  }

  @Override
  public RetentionDecision decide(Candidate candidate) {
    boolean held =
        holds.orderedStream().anyMatch(hold -> hold.holds(candidate.tenant(), candidate.entry()));
    return held
        ? new RetentionDecision.Reject(name(), "under legal hold", true)
        : RetentionDecision.allow();
  }
}
