package io.bulwark.audit.internal;

import io.bulwark.audit.AuditClassification;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Entries about highly sensitive data (PHI, financial data, credentials: classification {@code
 * customer_highly_sensitive}) are kept at least six years, even when the tenant's period is
 * shorter: HIPAA keeps PHI access records for six years.
 *
 * @see <a href="https://www.law.cornell.edu/cfr/text/45/164.316">45 CFR §164.316(b)(2)</a>
 */
@Component
@Order(30)
final class SensitiveAccessLogPolicy implements AuditRetentionPolicy {

  @Override
  public String name() {
    return "phi-access-logs-six-years";
  }

  @Override
  public RetentionDecision decide(Candidate candidate) {
    if (candidate.entry().classification() != AuditClassification.CUSTOMER_HIGHLY_SENSITIVE
        || candidate.olderThan(JdbcAuditRetention.SENSITIVE_FLOOR)) {
      return RetentionDecision.allow();
    }
    return RetentionDecision.reject(
        name(), "highly sensitive entries are kept " + JdbcAuditRetention.SENSITIVE_FLOOR);
  }
}
