package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.time.Period;

/**
 * Retention of a tenant's audit log: its period, and pruning of entry bodies whose period has run
 * out. Pruning keeps every entry's index and stored leaf hash, so the tree, its checkpoints and
 * every inclusion and consistency proof stay valid; only the body (and the filter columns copying
 * personal data from it) goes. The longest applicable retention wins and a legal hold ({@link
 * AuditLegalHolds}) overrides pruning. Every run that prunes, and every change of the period, is
 * itself an audit event in the same log.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 * @see <a href="https://gdpr-info.eu/art-5-gdpr/">GDPR Art. 5(1)(e): storage limitation</a>
 */
public interface AuditRetention {

  /**
   * @param tenant whose log
   * @return its retention period and the floors
   */
  AuditRetentionSetting setting(TenantId tenant);

  /**
   * Sets the tenant's period, recording the change in its log.
   *
   * @param tenant whose log
   * @param retentionPeriod the new period, at least the floor and at most 100 years
   * @return the setting afterwards
   * @throws io.bulwark.platform.problem.InvalidFieldException ({@code retention_period}) when the
   *     period is below the floor or above 100 years
   */
  AuditRetentionSetting change(TenantId tenant, Period retentionPeriod);

  /**
   * Prunes every entry of the log whose retention has run out at {@code now} and that no rule and
   * no legal hold keeps, in one transaction with the {@code audit.pruned} event recording it.
   * Retention counts from {@code recorded_at} (the server's clock), never from the producer's
   * {@code occurred_at}. A run already going on for the tenant (on another node) makes this one
   * prune nothing.
   *
   * @param tenant whose log
   * @return what was pruned
   */
  AuditPruning prune(TenantId tenant);

  /**
   * @param tenant whose log
   * @param now the moment retention is judged at
   * @return what was pruned
   * @see #prune(TenantId)
   */
  AuditPruning prune(TenantId tenant, Instant now);
}
