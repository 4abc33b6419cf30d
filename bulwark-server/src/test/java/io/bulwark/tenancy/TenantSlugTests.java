package io.bulwark.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.InvalidFieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTests {

  @ParameterizedTest
  @ValueSource(strings = {"ab", "acme", "acme-eu-1", "0day", "a-"})
  void lowerCaseLettersDigitsAndDashesAreAccepted(String slug) {
    assertThat(new TenantSlug(slug).value()).isEqualTo(slug);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a", "-acme", "Acme", "acme_eu", "acme.eu", "acme/eu", "acme eu", "ácme"})
  void anythingElseIsAnInvalidSlugField(String slug) {
    assertThatThrownBy(() -> new TenantSlug(slug))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("slug"));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void slugsAreAtMostSixtyThreeCharacters(int length) {
    String slug = "a".repeat(length);

    assertThat(TenantSlug.isValid(slug)).isEqualTo(length <= 63);
  }
}
