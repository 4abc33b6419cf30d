package io.bulwark.audit;

import io.bulwark.platform.TenantId;

/**
 * Service provider interface through which legal holds protect audit entries from retention
 * pruning: before an entry's body is dropped, every bean implementing this interface is asked, and
 * one that holds the entry keeps it whole. Without any bean nothing is held. The retention module
 * plugs its holds in here.
 *
 * <p>Implementations are called inside the pruning transaction, once per entry due for pruning;
 * they must be quick and must not write to the audit log.
 *
 * @see <a href="https://www.law.cornell.edu/rules/frcp/rule_37">FRCP Rule 37(e): preserving
 *     electronically stored information</a>
 */
@FunctionalInterface
public interface AuditLegalHolds {

  /**
   * @param tenant whose log
   * @param entry an entry whose retention has run out
   * @return whether a legal hold covers it, so that its body must be kept
   */
  boolean holds(TenantId tenant, AuditEntrySummary entry);
}
