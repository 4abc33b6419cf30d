package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientSecretEncoderTests {

  private final ClientSecretEncoder encoder = new ClientSecretEncoder();

  @Test
  void encodedSecretMatchesOnlyItself() {
    String encoded = encoder.encode("s3cret-value-with-plenty-of-entropy");

    assertThat(encoder.matches("s3cret-value-with-plenty-of-entropy", encoded)).isTrue();
    assertThat(encoder.matches("s3cret-value-with-plenty-of-entropY", encoded)).isFalse();
  }

  @Test
  void sameSecretEncodesDifferentlyEachTime() {
    assertThat(encoder.encode("same")).isNotEqualTo(encoder.encode("same"));
  }

  @Test
  void encodingNeverContainsTheSecret() {
    assertThat(encoder.encode("visible-secret")).doesNotContain("visible-secret");
  }

  @Test
  void malformedStoredValuesMatchNothing() {
    assertThat(encoder.matches("x", "no-colon")).isFalse();
    assertThat(encoder.matches("x", "!!!:???")).isFalse();
    assertThat(encoder.matches(null, "a:b")).isFalse();
  }
}
