package io.bulwark.audit.internal;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditClassification;
import io.bulwark.audit.AuditEntrySummary;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditPruning;
import io.bulwark.audit.AuditResource;
import io.bulwark.audit.AuditRetention;
import io.bulwark.audit.AuditRetentionSetting;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Retention of the audit logs on PostgreSQL. A pruning run reads the entries recorded before the
 * tenant's cutoff in index order, asks every {@link AuditRetentionPolicy} about each, and drops the
 * bodies the rules allow through {@code audit_prune_entries} — the one database path that may
 * change an entry (a security-definer function the append-only trigger lets through) — then records
 * the run as an {@code audit.pruned} event, all in one transaction.
 */
@Service
class JdbcAuditRetention implements AuditRetention {

  /** The period of a tenant that never set one: seven years. */
  static final Period DEFAULT = Period.ofYears(7);

  /** The shortest period a tenant may set. */
  static final Period FLOOR = Period.ofYears(1);

  /** Highly sensitive (PHI) entries are kept at least this long, whatever the tenant's period. */
  static final Period SENSITIVE_FLOOR = Period.ofYears(6);

  /** The longest period a tenant may set. */
  static final Period LONGEST = Period.ofYears(100);

  private static final int PAGE = 1000;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final AuditLedger ledger;
  private final List<AuditRetentionPolicy> policies;
  private final Clock clock = Clock.systemUTC();

  JdbcAuditRetention(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      AuditLedger ledger,
      List<AuditRetentionPolicy> policies) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.ledger = ledger;
    this.policies = List.copyOf(policies);
  }

  // ---------------------------------------------------------------- the setting

  @Override
  public AuditRetentionSetting setting(TenantId tenant) {
    return inTenant(tenant, () -> settingOf(storedPeriod(tenant)));
  }

  @Override
  public AuditRetentionSetting change(TenantId tenant, Period retentionPeriod) {
    LocalDate today = LocalDate.now(clock);
    if (today.minus(retentionPeriod).isAfter(today.minus(FLOOR))) {
      throw new InvalidFieldException(
          "retention_period", "must be at least the floor of " + FLOOR + " (one year)");
    }
    if (today.minus(retentionPeriod).isBefore(today.minus(LONGEST))) {
      throw new InvalidFieldException("retention_period", "must be at most " + LONGEST);
    }
    Period normalized = Period.parse(retentionPeriod.toString());
    return inTenant(
        tenant,
        () -> {
          Optional<Period> before = storedPeriod(tenant);
          jdbc.sql(
                  "insert into audit_retention_settings (tenant_id, retention_period, updated_at)"
                      + " values (?, ?, now()) on conflict (tenant_id) do update set"
                      + " retention_period = excluded.retention_period,"
                      + " updated_at = excluded.updated_at")
              .params(tenant.value(), normalized.toString())
              .update();
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.put("from", before.orElse(DEFAULT).toString());
          details.put("to", normalized.toString());
          ledger.append(
              tenant,
              List.of(
                  AuditEvent.builder(
                          AuditCategory.CONFIGURATION,
                          "audit.retention_changed",
                          AuditOutcome.SUCCESS,
                          PlatformEventsAuditor.actor())
                      .resource(new AuditResource("audit_log", tenant.toString()))
                      .correlationId(PlatformEventsAuditor.correlationId())
                      .details(details)
                      .build()));
          return settingOf(Optional.of(normalized));
        });
  }

  private Optional<Period> storedPeriod(TenantId tenant) {
    return jdbc.sql("select retention_period from audit_retention_settings where tenant_id = ?")
        .param(tenant.value())
        .query(String.class)
        .optional()
        .map(Period::parse);
  }

  private static AuditRetentionSetting settingOf(Optional<Period> stored) {
    return new AuditRetentionSetting(
        stored.orElse(DEFAULT), stored.isEmpty(), FLOOR, SENSITIVE_FLOOR);
  }

  // ---------------------------------------------------------------- pruning

  @Override
  public AuditPruning prune(TenantId tenant) {
    return prune(tenant, clock.instant());
  }

  @Override
  public AuditPruning prune(TenantId tenant, Instant now) {
    return inTenant(tenant, () -> pruneLocked(tenant, now));
  }

  private AuditPruning pruneLocked(TenantId tenant, Instant now) {
    Period period = storedPeriod(tenant).orElse(DEFAULT);
    Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    Boolean mine =
        jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")
            .param("audit_prune:" + tenant)
            .query(Boolean.class)
            .single();
    if (!Boolean.TRUE.equals(mine)) {
      return new AuditPruning(
          0, OptionalLong.empty(), OptionalLong.empty(), cutoff, 0, 0, OptionalLong.empty());
    }
    long pruned = 0;
    long held = 0;
    long retained = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long after = -1;
    boolean more = true;
    while (more) {
      List<AuditEntrySummary> page = dueAfter(tenant, cutoff, after);
      more = page.size() == PAGE;
      List<Long> due = new ArrayList<>();
      for (AuditEntrySummary entry : page) {
        after = entry.index();
        switch (decide(new AuditRetentionPolicy.Candidate(tenant, entry, period, now))) {
          case RetentionDecision.Allow ignored -> due.add(entry.index());
          case RetentionDecision.Reject reject -> {
            if (reject.legalHold()) {
              held++;
            } else {
              retained++;
            }
          }
        }
      }
      if (!due.isEmpty()) {
        List<Long> done =
            jdbc.sql("select audit_prune_entries(?, ?::bigint[], ?)")
                .params(tenant.value(), due.toArray(Long[]::new), cutoff.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .list();
        for (long index : done) {
          pruned++;
          first = Math.min(first, index);
          last = Math.max(last, index);
        }
        retained += due.size() - done.size();
      }
    }
    if (pruned == 0) {
      return new AuditPruning(
          0,
          OptionalLong.empty(),
          OptionalLong.empty(),
          cutoff,
          held,
          retained,
          OptionalLong.empty());
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("count", pruned);
    details.put("first_index", first);
    details.put("last_index", last);
    details.put("cutoff", cutoff.toString());
    details.put("retention_period", period.toString());
    details.put("held", held);
    details.put("retained", retained);
    long auditIndex =
        ledger
            .append(
                tenant,
                List.of(
                    AuditEvent.builder(
                            AuditCategory.SYSTEM,
                            "audit.pruned",
                            AuditOutcome.SUCCESS,
                            PlatformEventsAuditor.actor())
                        .resource(new AuditResource("audit_log", tenant.toString()))
                        .correlationId(PlatformEventsAuditor.correlationId())
                        .details(details)
                        .build()))
            .getFirst()
            .index();
    return new AuditPruning(
        pruned,
        OptionalLong.of(first),
        OptionalLong.of(last),
        cutoff,
        held,
        retained,
        OptionalLong.of(auditIndex));
  }

  /** Every rule must allow; a legal hold is reported in preference to any other rule. */
  private RetentionDecision decide(AuditRetentionPolicy.Candidate candidate) {
    RetentionDecision.Reject rejected = null;
    for (AuditRetentionPolicy policy : policies) {
      if (policy.decide(candidate) instanceof RetentionDecision.Reject reject
          && (rejected == null || (reject.legalHold() && !rejected.legalHold()))) {
        rejected = reject;
      }
    }
    return rejected == null ? RetentionDecision.allow() : rejected;
  }

  private List<AuditEntrySummary> dueAfter(TenantId tenant, Instant cutoff, long after) {
    return jdbc.sql(
            "select idx, event_id, occurred_at, recorded_at, category, action, actor_type,"
                + " actor_id, resource_type, resource_id,"
                + " convert_from(body, 'UTF8')::jsonb ->> 'classification'"
                + " from audit_entries where tenant_id = ? and idx > ? and body is not null"
                + " and recorded_at < ? order by idx limit ?")
        .params(tenant.value(), after, cutoff.atOffset(ZoneOffset.UTC), PAGE)
        .query((row, n) -> {
          String classification = row.getString(11);
          return new AuditEntrySummary(
              row.getLong(1),
              row.getObject(2, UUID.class),
              row.getObject(3, OffsetDateTime.class).toInstant(),
              row.getObject(4, OffsetDateTime.class).toInstant(),
              AuditCategory.fromWireName(row.getString(5)).orElse(AuditCategory.SYSTEM),
              row.getString(6),
              AuditActor.Type.fromWireName(row.getString(7)).orElse(AuditActor.Type.SYSTEM),
              row.getString(8),
              row.getString(9),
              row.getString(10),
              classification == null
                  ? null
                  // An unreadable tier is treated as the strictest one: keep rather than lose.
                  : AuditClassification.fromWireName(classification)
                      .orElse(AuditClassification.CUSTOMER_HIGHLY_SENSITIVE));
        })
        .list();
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
