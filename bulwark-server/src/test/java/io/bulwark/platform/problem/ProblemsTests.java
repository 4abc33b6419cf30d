package io.bulwark.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTests {

  @Test
  void detailQuotingPersonalDataOrSecretsIsRedacted() {
    var problem =
        Problems.of(
            ProblemType.ALREADY_EXISTS,
            "User ada.lovelace@example.com exists; key AKIAIOSFODNN7EXAMPLE was given");

    assertThat(problem.getDetail())
        .doesNotContain("ada.lovelace@example.com")
        .doesNotContain("AKIAIOSFODNN7EXAMPLE")
        .contains("[REDACTED:EMAIL]");
  }

  @Test
  void plainDetailIsUnchanged() {
    assertThat(Problems.of(ProblemType.NOT_FOUND, "No such tenant").getDetail())
        .isEqualTo("No such tenant");
  }
}
