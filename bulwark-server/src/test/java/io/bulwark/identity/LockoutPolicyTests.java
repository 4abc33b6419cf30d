package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockoutPolicyTests {

  @Test
  void defaultLockStartsAtOneMinuteAndDoublesUpToAnHour() {
    LockoutPolicy policy = LockoutPolicy.DEFAULT;

    assertThat(policy.maxFailuresPerAccount()).isEqualTo(5);
    assertThat(policy.maxFailuresPerAddress()).isEqualTo(20);
    assertThat(policy.lockFor(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.lockFor(1)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.lockFor(5)).isEqualTo(Duration.ofMinutes(32));
    assertThat(policy.lockFor(6)).isEqualTo(Duration.ofHours(1));
    assertThat(policy.lockFor(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void lockWhenCustomPolicyThenStartsAtItsBaseAndStopsAtItsMaximum() {
    LockoutPolicy policy =
        new LockoutPolicy(3, 50, Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofDays(1));

    assertThat(policy.lockFor(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.lockFor(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.lockFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void limitsBeyondTheBoundsAreRejectedNamingTheField() {
    assertRejected(
        () -> new LockoutPolicy(2, 20, min(1), hours(1), Duration.ofDays(1)),
        "max_failures_per_account");
    assertRejected(
        () -> new LockoutPolicy(21, 20, min(1), hours(1), Duration.ofDays(1)),
        "max_failures_per_account");
    assertRejected(
        () -> new LockoutPolicy(5, 4, min(1), hours(1), Duration.ofDays(1)),
        "max_failures_per_address");
    assertRejected(
        () -> new LockoutPolicy(5, 1001, min(1), hours(1), Duration.ofDays(1)),
        "max_failures_per_address");
    assertRejected(
        () -> new LockoutPolicy(5, 20, Duration.ofSeconds(29), hours(1), Duration.ofDays(1)),
        "base_lockout");
    assertRejected(
        () -> new LockoutPolicy(5, 20, hours(2), hours(3), Duration.ofDays(1)), "base_lockout");
    assertRejected(
        () -> new LockoutPolicy(5, 20, min(1), Duration.ofDays(2), Duration.ofDays(1)),
        "max_lockout");
    assertRejected(
        () -> new LockoutPolicy(5, 20, min(30), min(10), Duration.ofDays(1)), "max_lockout");
    assertRejected(
        () -> new LockoutPolicy(5, 20, null, hours(1), Duration.ofDays(1)), "base_lockout");
    assertRejected(
        () -> new LockoutPolicy(5, 20, Duration.ofMillis(60_500), hours(1), Duration.ofDays(1)),
        "base_lockout");
    assertRejected(() -> new LockoutPolicy(5, 20, min(1), hours(1), min(14)), "failure_reset");
    assertRejected(
        () -> new LockoutPolicy(5, 20, min(1), hours(1), Duration.ofDays(8)), "failure_reset");
    assertRejected(() -> new LockoutPolicy(5, 20, min(1), hours(2), hours(1)), "failure_reset");
  }

  @Test
  void fieldsNameTheValuesAsTheApiDoes() {
    assertThat(
            new LockoutPolicy(3, 50, Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofDays(1))
                .asFields())
        .containsExactly(
            Map.entry("max_failures_per_account", 3),
            Map.entry("max_failures_per_address", 50),
            Map.entry("base_lockout", "PT30S"),
            Map.entry("max_lockout", "P1D"),
            Map.entry("failure_reset", "P1D"));
  }

  static void assertRejected(Runnable construction, String field) {
    assertThatThrownBy(construction::run)
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private static Duration min(int minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static Duration hours(int hours) {
    return Duration.ofHours(hours);
  }
}
