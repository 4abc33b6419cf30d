package io.bulwark.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTests {

  @Test
  void wildcardGrantsEveryActionOfItsResourceOnly() {
    Permission allAudit = Permission.of("audit:*");

    assertThat(allAudit.grants(Permission.of("audit:read"))).isTrue();
    assertThat(allAudit.grants(Permission.of("auditx:read"))).isFalse();
    assertThat(allAudit.grants(Permission.of("secrets:read"))).isFalse();
  }

  @Test
  void concretePermissionGrantsOnlyItself() {
    assertThat(Permission.of("audit:read").grants(Permission.of("audit:write"))).isFalse();
    assertThat(Permission.of("audit:read").grants(Permission.of("audit:read"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "audit", "audit:", ":read", "Audit:read", "*:*", "audit:re ad"})
  void malformedPermissionsAreRejected(String value) {
    assertThatThrownBy(() -> Permission.of(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
