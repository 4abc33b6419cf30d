package io.bulwark.identity.internal;

import io.bulwark.identity.LockoutPolicy;
import io.bulwark.platform.TenantId;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection: failed sign-ins are counted per account and per source address, and past
 * the tenant's limits ({@link LockoutPolicy}, by default the 5th failure on an account, the 20th
 * from an address) each further failure locks the subject temporarily, the lock doubling from the
 * base lock (one minute) up to the longest (an hour). A counter without a failure for the policy's
 * failure reset (a day) starts afresh. Callers run inside the tenant's transaction.
 */
@Component
final class SignInThrottle {

  private final JdbcClient jdbc;
  private final JdbcIdentitySettings settings;

  SignInThrottle(JdbcClient jdbc, JdbcIdentitySettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  static String account(String username) {
    return "account:" + username.toLowerCase(Locale.ROOT);
  }

  static String address(String ip) {
    return "ip:" + ip;
  }

  /**
   * @return whether the account or the address is locked now
   */
  boolean locked(TenantId tenant, String account, String address) {
    return jdbc.sql(
                "select count(*) from sign_in_throttles where tenant_id = ? and subject in (?, ?)"
                    + " and locked_until > now()")
            .params(tenant.value(), account, address)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Counts a failure against both subjects.
   *
   * @return whether this failure started a lock
   */
  boolean failed(TenantId tenant, String account, String address) {
    LockoutPolicy policy = settings.lockoutPolicyInTransaction(tenant);
    boolean accountLocked = count(tenant, account, policy.maxFailuresPerAccount(), policy);
    boolean addressLocked = count(tenant, address, policy.maxFailuresPerAddress(), policy);
    return accountLocked || addressLocked;
  }

  /** A successful sign-in clears the account's counter. */
  void succeeded(TenantId tenant, String account) {
    jdbc.sql("delete from sign_in_throttles where tenant_id = ? and subject = ?")
        .params(tenant.value(), account)
        .update();
  }

  private boolean count(TenantId tenant, String subject, int threshold, LockoutPolicy policy) {
    int failures =
        jdbc.sql(
                "insert into sign_in_throttles (tenant_id, subject, failures) values (?, ?, 1)"
                    + " on conflict (tenant_id, subject) do update set failures = case"
                    + " when sign_in_throttles.updated_at < now() - ? * interval '1 second' then 1"
                    + " else sign_in_throttles.failures + 1 end, updated_at = now()"
                    + " returning failures")
            .params(tenant.value(), subject, policy.failureReset().toSeconds())
            .query(Integer.class)
            .single();
    if (failures < threshold) {
      return false;
    }
    long seconds = policy.lockFor(failures - threshold).toSeconds();
    jdbc.sql(
            "update sign_in_throttles set locked_until = now() + ? * interval '1 second'"
                + " where tenant_id = ? and subject = ?")
        .params(seconds, tenant.value(), subject)
        .update();
    return true;
  }
}
