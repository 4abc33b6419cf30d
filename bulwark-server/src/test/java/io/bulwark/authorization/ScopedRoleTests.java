package io.bulwark.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopedRoleTests {

  @Test
  void claimValueWithPrefixParsesIntoRoleAndPrefix() {
    ScopedRole scoped = ScopedRole.parse("secrets-reader@payments/");

    assertThat(scoped.role()).isEqualTo("secrets-reader");
    assertThat(scoped.resourcePrefix()).isEqualTo("payments/");
    assertThat(scoped.claimValue()).isEqualTo("secrets-reader@payments/");
    assertThat(ScopedRole.parse("tenant-admin").resourcePrefix()).isNull();
  }

  @Test
  void prefixCoversPathsBelowItOnly() {
    ScopedRole scoped = ScopedRole.parse("secrets-reader@payments/");

    assertThat(scoped.covers("payments/stripe-key")).isTrue();
    assertThat(scoped.covers("payments/eu/stripe-key")).isTrue();
    assertThat(scoped.covers("payments-other/key")).isFalse();
    assertThat(scoped.covers("hr/x")).isFalse();
    assertThat(scoped.covers(null)).isFalse();
    assertThat(ScopedRole.parse("secrets-reader").covers(null)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments", "/payments/", "../x/", "a/./", "a/../b/", "a//", "p q/", ""})
  void malformedPrefixesAreRejected(String prefix) {
    assertThat(ScopedRole.isValidPrefix(prefix)).isFalse();
    assertThatThrownBy(() -> new ScopedRole("secrets-reader", prefix))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyRolesOverSecretsAreNarrowable() {
    assertThat(Permissions.SECRETS_READ.narrowable()).isTrue();
    assertThat(Permissions.AUDIT_READ.narrowable()).isFalse();
  }
}
