package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInThrottleTests {

  @Test
  void subjectsAreCaseInsensitiveForAccounts() {
    assertThat(SignInThrottle.account("Alice")).isEqualTo(SignInThrottle.account("alice"));
    assertThat(SignInThrottle.address("10.0.0.1")).isEqualTo("ip:10.0.0.1");
  }
}
