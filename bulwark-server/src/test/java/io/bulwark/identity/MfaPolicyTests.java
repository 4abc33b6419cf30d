package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MfaPolicyTests {

  @Test
  void requiresWhenModeRolesThenOnlyForHoldersOfANamedRole() {
    MfaPolicy policy = new MfaPolicy(MfaPolicy.Mode.ROLES, List.of("tenant-admin"));

    assertThat(policy.requires(List.of("auditor", "tenant-admin"))).isTrue();
    assertThat(policy.requires(List.of("auditor"))).isFalse();
    assertThat(MfaPolicy.OPTIONAL.requires(List.of("tenant-admin"))).isFalse();
    assertThat(new MfaPolicy(MfaPolicy.Mode.REQUIRED, List.of()).requires(List.of())).isTrue();
  }

  @Test
  void rolesModeWithoutRolesIsRejected() {
    assertThatThrownBy(() -> new MfaPolicy(MfaPolicy.Mode.ROLES, List.of()))
        .isInstanceOf(InvalidFieldException.class);
  }
}
