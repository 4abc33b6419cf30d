package io.bulwark.identity;

import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's brute-force protection: failed sign-ins counted per account and per source address;
 * the failure that reaches a limit locks that subject for {@code baseLockout}, each further one
 * doubles the lock up to {@code maxLockout}. There is no switch to turn it off, and the bounds keep
 * it meaningful: an account locks after at most 20 failures, for at least 30 seconds.
 *
 * @param maxFailuresPerAccount the failure that locks an account, 3 to 20
 * @param maxFailuresPerAddress the failure that locks a source address, 5 to 1000
 * @param baseLockout the first lock, 30 seconds to 1 hour
 * @param maxLockout the longest lock, 1 minute to 1 day and not shorter than {@code baseLockout}
 * @param failureReset how long a subject's failure count lives without a new failure (Keycloak's
 *     "failure reset time"), 15 minutes to 7 days and not shorter than {@code maxLockout}
 * @see <a href="https://pages.nist.gov/800-63-3/sp800-63b.html#throttle">NIST SP 800-63B §5.2.2</a>
 */
public record LockoutPolicy(
    int maxFailuresPerAccount,
    int maxFailuresPerAddress,
    Duration baseLockout,
    Duration maxLockout,
    Duration failureReset) {

  /**
   * The defaults: the 5th failure on an account (20th from an address) locks, 1 minute to 1 hour;
   * counts start afresh after a day without failures.
   */
  public static final LockoutPolicy DEFAULT =
      new LockoutPolicy(5, 20, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));

  public LockoutPolicy {
    SettingBounds.requireWithin("max_failures_per_account", maxFailuresPerAccount, 3, 20);
    SettingBounds.requireWithin("max_failures_per_address", maxFailuresPerAddress, 5, 1000);
    SettingBounds.requireWithin(
        "base_lockout", baseLockout, Duration.ofSeconds(30), Duration.ofHours(1));
    SettingBounds.requireWithin(
        "max_lockout", maxLockout, Duration.ofMinutes(1), Duration.ofDays(1));
    if (maxLockout.compareTo(baseLockout) < 0) {
      throw new InvalidFieldException("max_lockout", "must not be shorter than base_lockout");
    }
    SettingBounds.requireWithin(
        "failure_reset", failureReset, Duration.ofMinutes(15), Duration.ofDays(7));
    if (failureReset.compareTo(maxLockout) < 0) {
      throw new InvalidFieldException("failure_reset", "must not be shorter than max_lockout");
    }
  }

  /**
   * @param excess failures beyond the limit (0 for the failure that reached it)
   * @return the lock that failure starts: the base lock, doubling, at most the longest
   */
  public Duration lockFor(int excess) {
    long seconds = baseLockout.toSeconds() << Math.clamp(excess, 0, 16);
    return Duration.ofSeconds(Math.min(seconds, maxLockout.toSeconds()));
  }

  /**
   * @return the values by their API names, as audit records show them
   */
  public Map<String, Object> asFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("max_failures_per_account", maxFailuresPerAccount);
    fields.put("max_failures_per_address", maxFailuresPerAddress);
    fields.put("base_lockout", SettingBounds.format(baseLockout));
    fields.put("max_lockout", SettingBounds.format(maxLockout));
    fields.put("failure_reset", SettingBounds.format(failureReset));
    return fields;
  }
}
