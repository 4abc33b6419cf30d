package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  @Test
  void lockStartsAtOneMinuteAndDoublesUpToAnHour() {
    assertThat(SignInThrottle.lockSeconds(0)).isEqualTo(60);
    assertThat(SignInThrottle.lockSeconds(1)).isEqualTo(120);
    assertThat(SignInThrottle.lockSeconds(5)).isEqualTo(1920);
    assertThat(SignInThrottle.lockSeconds(6)).isEqualTo(3600);
    assertThat(SignInThrottle.lockSeconds(1000)).isEqualTo(3600);
  }

  @Test
  void subjectsAreCaseInsensitiveForAccounts() {
    assertThat(SignInThrottle.account("Alice")).isEqualTo(SignInThrottle.account("alice"));
    assertThat(SignInThrottle.address("10.0.0.1")).isEqualTo("ip:10.0.0.1");
  }
}
