package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTests {

  private static final byte[] RFC_SECRET =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  // RFC 6238 Appendix B, the SHA-1 column (8 digits).
  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void codeWhenRfc6238TestVectorThenMatches(long unixSeconds, String expected) {
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(unixSeconds)), 8))
        .isEqualTo(expected);
  }

  @Test
  void verifyWhenCodeOfAdjacentStepThenAcceptedButNotTwoStepsAway() {
    Instant now = Instant.ofEpochSecond(1_111_111_111L);
    long step = Totp.step(now);
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 1, 6), now, 0))
        .hasValue(step - 1);
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 1, 6), now, 0))
        .hasValue(step + 1);
    assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 2, 6), now, 0)).isEmpty();
  }

  @Test
  void verifyWhenStepAlreadyUsedThenRejected() {
    Instant now = Instant.ofEpochSecond(1_111_111_111L);
    long step = Totp.step(now);
    String code = Totp.code(RFC_SECRET, step, 6);
    assertThat(Totp.verify(RFC_SECRET, code, now, step - 1)).hasValue(step);
    assertThat(Totp.verify(RFC_SECRET, code, now, step)).isEmpty();
  }

  @Test
  void verifyWhenNotSixDigitsThenRejected() {
    assertThat(Totp.verify(RFC_SECRET, "12345", Instant.now(), 0)).isEmpty();
    assertThat(Totp.verify(RFC_SECRET, "12345a", Instant.now(), 0)).isEmpty();
  }

  @Test
  void base32WhenRfc4648VectorThenMatches() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
  }
}
