package io.bulwark.identity.internal;

import io.bulwark.platform.TenantId;
import java.time.Duration;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection: failed sign-ins are counted per account and per source address, and past
 * a threshold each further failure locks the subject temporarily, the lock doubling from one minute
 * up to an hour. Counters older than a day start afresh. Callers run inside the tenant's
 * transaction.
 */
@Component
final class SignInThrottle {

  static final int ACCOUNT_THRESHOLD = 5;
  static final int ADDRESS_THRESHOLD = 20;
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration LONGEST_LOCK = Duration.ofHours(1);

  private final JdbcClient jdbc;

  SignInThrottle(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
    boolean accountLocked = count(tenant, account, ACCOUNT_THRESHOLD);
    boolean addressLocked = count(tenant, address, ADDRESS_THRESHOLD);
    return accountLocked || addressLocked;
  }

  /** A successful sign-in clears the account's counter. */
  void succeeded(TenantId tenant, String account) {
    jdbc.sql("delete from sign_in_throttles where tenant_id = ? and subject = ?")
        .params(tenant.value(), account)
        .update();
  }

  private boolean count(TenantId tenant, String subject, int threshold) {
    int failures =
        jdbc.sql(
                "insert into sign_in_throttles (tenant_id, subject, failures) values (?, ?, 1)"
                    + " on conflict (tenant_id, subject) do update set failures = case"
                    + " when sign_in_throttles.updated_at < now() - interval '1 day' then 1"
                    + " else sign_in_throttles.failures + 1 end, updated_at = now()"
                    + " returning failures")
            .params(tenant.value(), subject)
            .query(Integer.class)
            .single();
    if (failures < threshold) {
      return false;
    }
    long seconds = lockSeconds(failures - threshold);
    jdbc.sql(
            "update sign_in_throttles set locked_until = now() + ? * interval '1 second'"
                + " where tenant_id = ? and subject = ?")
        .params(seconds, tenant.value(), subject)
        .update();
    return true;
  }

  /**
   * @param excess failures beyond the threshold (0 for the first lock)
   * @return the lock's length: one minute, doubling, at most an hour
   */
  static long lockSeconds(int excess) {
    long seconds = FIRST_LOCK.toSeconds() << Math.min(excess, 12);
    return Math.min(seconds, LONGEST_LOCK.toSeconds());
  }
}
