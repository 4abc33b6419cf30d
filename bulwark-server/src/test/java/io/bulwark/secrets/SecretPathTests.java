package io.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.secrets.vault.SecretPath;
import io.bulwark.secrets.vault.SecretValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPathTests {

  @ParameterizedTest
  @ValueSource(strings = {"a", "payments/stripe/api-key", "a.b_c-D9", "1/2/3/4/5/6/7/8", "..a/b.."})
  void wellFormedPathsAreAccepted(String path) {
    assertThat(new SecretPath(path).value()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        ".",
        "a/../b",
        "a/./b",
        "a//b",
        "/a",
        "a/",
        "a b",
        "a/b$c",
        "a\\b",
        "a%2Fb",
        "ü",
        "1/2/3/4/5/6/7/8/9"
      })
  void malformedPathsAreRejectedAsInvalidParameter(String path) {
    assertThatThrownBy(() -> new SecretPath(path))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> {
              assertThat(problem.type()).isEqualTo(ProblemType.INVALID_PARAMETER);
              assertThat(problem.properties()).containsEntry("parameter", "path");
            });
  }

  @Test
  void pathsLongerThanTheLimitAreRejected() {
    assertThatThrownBy(
            () -> new SecretPath("a".repeat(120) + "/" + "b".repeat(120) + "/c".repeat(10)))
        .isInstanceOf(ApiProblem.class);
  }

  @Test
  void secretValueNeverShowsItselfInToString() {
    SecretValue value = SecretValue.ofJson("\"hunter2-value\"".getBytes(StandardCharsets.UTF_8));
    assertThat(value.toString()).doesNotContain("hunter2");
    assertThat(new String(value.revealJson(), StandardCharsets.UTF_8))
        .isEqualTo("\"hunter2-value\"");
    assertThat(
            value.sameAs(SecretValue.ofJson("\"hunter2-value\"".getBytes(StandardCharsets.UTF_8))))
        .isTrue();
  }
}
