package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditClassification;
import io.bulwark.audit.AuditEntrySummary;
import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.time.Period;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AuditRetentionPolicyTests {

  private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
  private static final TenantId TENANT = new TenantId(UUID.randomUUID());

  @Test
  void tenantPeriodAllowsOnlyEntriesRecordedBeforeItStarted() {
    TenantPeriodPolicy policy = new TenantPeriodPolicy();

    assertThat(policy.decide(candidate("2023-05-31T23:59:59Z", Period.ofYears(7), null)))
        .isInstanceOf(RetentionDecision.Allow.class);
    assertThat(policy.decide(candidate("2023-06-01T00:00:00Z", Period.ofYears(7), null)))
        .isEqualTo(
            RetentionDecision.reject(
                "tenant-retention-period", "within the tenant's retention period"));
  }

  @Test
  void floorKeepsEveryEntryAYearWhateverThePeriod() {
    AuditLogFloorPolicy policy = new AuditLogFloorPolicy();

    assertThat(policy.decide(candidate("2029-07-01T00:00:00Z", Period.ofDays(1), null)))
        .isInstanceOf(RetentionDecision.Reject.class);
    assertThat(policy.decide(candidate("2029-05-01T00:00:00Z", Period.ofDays(1), null)))
        .isInstanceOf(RetentionDecision.Allow.class);
  }

  @Test
  void highlySensitiveEntriesAreKeptSixYearsOthersAreNotConcerned() {
    SensitiveAccessLogPolicy policy = new SensitiveAccessLogPolicy();
    Period two = Period.ofYears(2);

    RetentionDecision young =
        policy.decide(
            candidate("2026-01-01T00:00:00Z", two, AuditClassification.CUSTOMER_HIGHLY_SENSITIVE));
    assertThat(young).isInstanceOf(RetentionDecision.Reject.class);
    assertThat(((RetentionDecision.Reject) young).policy()).isEqualTo("phi-access-logs-six-years");
    assertThat(((RetentionDecision.Reject) young).legalHold()).isFalse();
    assertThat(
            policy.decide(
                candidate(
                    "2024-05-01T00:00:00Z", two, AuditClassification.CUSTOMER_HIGHLY_SENSITIVE)))
        .isInstanceOf(RetentionDecision.Allow.class);
    assertThat(
            policy.decide(
                candidate("2026-01-01T00:00:00Z", two, AuditClassification.CUSTOMER_SENSITIVE)))
        .isInstanceOf(RetentionDecision.Allow.class);
  }

  private static AuditRetentionPolicy.Candidate candidate(
      String recordedAt, Period period, @Nullable AuditClassification classification) {
    AuditEntrySummary entry =
        new AuditEntrySummary(
            0,
            UUID.randomUUID(),
            Instant.parse("2001-01-01T00:00:00Z"),
            Instant.parse(recordedAt),
            AuditCategory.DATA_ACCESS,
            "record.read",
            AuditActor.Type.USER,
            "u-1",
            "record",
            "r-1",
            classification);
    return new AuditRetentionPolicy.Candidate(TENANT, entry, period, NOW);
  }
}
