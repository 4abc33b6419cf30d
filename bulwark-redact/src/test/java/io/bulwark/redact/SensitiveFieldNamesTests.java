package io.bulwark.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveFieldNamesTests {

  @ParameterizedTest
  @ValueSource(strings = {"password", "client_secret", "apiKey", "X-Api-Key", "access_token"})
  void secretNamesAreSensitiveInEveryCaseAndSeparatorStyle(String name) {
    assertThat(SensitiveFieldNames.typeOf(name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"username", "order_id", "status", "created_at", "key_count_total"})
  void ordinaryNamesAreNot(String name) {
    assertThat(SensitiveFieldNames.typeOf(name)).isEmpty();
  }
}
