package io.bulwark.redact.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.MaskingStrategy;
import io.bulwark.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRedactorTests {

  private final JsonRedactor defaults = JsonRedactor.builder().build();

  @Test
  void valuesInsideStringsAreDetected() {
    assertThat(defaults.redact("{\"note\":\"mail bob@example.com now\",\"n\":1}"))
        .isEqualTo("{\"note\":\"mail [REDACTED:EMAIL] now\",\"n\":1}");
  }

  @Test
  void sensitiveFieldNamesAreMaskedWhole() {
    assertThat(
            defaults.redact(
                "{\"user\":\"bob\",\"password\":\"hunter2\",\"client_secret\":{\"a\":1},\"apiKey\":42}"))
        .isEqualTo(
            "{\"user\":\"bob\",\"password\":\"[REDACTED:PASSWORD]\",\"client_secret\":\"[REDACTED:PASSWORD]\",\"apiKey\":\"[REDACTED:PASSWORD]\"}");
  }

  @Test
  void numbersThatAreCardNumbersBecomeMaskedStrings() {
    assertThat(defaults.redact("{\"pan\":4111111111111111,\"qty\":3}"))
        .isEqualTo("{\"pan\":\"[REDACTED:CREDIT_CARD]\",\"qty\":3}");
  }

  @Test
  void pathRulesMaskKeepAndDropFields() {
    JsonRedactor redactor =
        JsonRedactor.builder()
            .field("customer.ssn", JsonFieldAction.mask(DetectorTypes.US_SSN))
            .field("**.internal", JsonFieldAction.drop())
            .field("audit.*", JsonFieldAction.keep())
            .build();
    String json =
        "{\"customer\":{\"ssn\":\"anything\",\"internal\":[1,2],\"name\":\"Ann\"},"
            + "\"audit\":{\"actor\":\"bob@example.com\"},\"items\":[{\"internal\":{\"x\":1},\"sku\":\"A1\"}]}";
    assertThat(redactor.redact(json))
        .isEqualTo(
            "{\"customer\":{\"ssn\":\"[REDACTED:US_SSN]\",\"name\":\"Ann\"},"
                + "\"audit\":{\"actor\":\"bob@example.com\"},\"items\":[{\"sku\":\"A1\"}]}");
  }

  @Test
  void classificationDecidesTheActionPerTier() {
    JsonRedactor redactor =
        JsonRedactor.builder()
            .classifier(path -> path.startsWith("patient.") ? "HIGHLY_SENSITIVE" : null)
            .classification("HIGHLY_SENSITIVE", JsonFieldAction.mask("PHI"))
            .build();
    assertThat(
            redactor.redact(
                "{\"patient\":{\"diagnosis\":\"flu\",\"tags\":[\"a\"]},\"ward\":\"4B\"}"))
        .isEqualTo(
            "{\"patient\":{\"diagnosis\":\"[REDACTED:PHI]\",\"tags\":\"[REDACTED:PHI]\"},\"ward\":\"4B\"}");
  }

  @Test
  void maskingUsesTheRedactorsStrategyForTheType() {
    JsonRedactor redactor =
        JsonRedactor.builder()
            .redactor(
                Redactor.builder()
                    .strategy(DetectorTypes.CREDIT_CARD, MaskingStrategy.keepLast(4))
                    .build())
            .field("card", JsonFieldAction.mask(DetectorTypes.CREDIT_CARD))
            .build();
    assertThat(redactor.redact("{\"card\":\"4111 1111 1111 1111\"}"))
        .isEqualTo("{\"card\":\"**** **** **** 1111\"}");
  }

  @Test
  void classificationWithoutClassifierIsRejected() {
    assertThatThrownBy(
            () -> JsonRedactor.builder().classification("X", JsonFieldAction.drop()).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void invalidJsonFailsWithAJacksonException() {
    assertThatThrownBy(() -> defaults.redact("{\"a\":")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void streamsAreNotClosed() {
    var out = new ByteArrayOutputStream();
    var in = new ByteArrayInputStream("[\"bob@example.com\"]".getBytes(StandardCharsets.UTF_8));
    defaults.redact(in, out);
    out.write('!');
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[\"[REDACTED:EMAIL]\"]!");
  }

  /**
   * 160 MiB through a 256 MiB heap (surefire argLine): holding input or output whole would not fit,
   * so this only passes when the redactor streams.
   */
  @Test
  void largeDocumentIsStreamedWithoutHoldingItInMemory() {
    long target = 160L << 20;
    byte[] element =
        "{\"id\":12345,\"email\":\"someone@example.com\",\"note\":\"nothing to see here, just padding text\"},"
            .getBytes(StandardCharsets.UTF_8);
    InputStream in =
        new InputStream() {
          long produced;
          int offset = -1;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (offset == -1) {
              b[off] = '[';
              offset = 0;
              produced++;
              return 1;
            }
            if (produced >= target) {
              if (offset == -2) {
                return -1;
              }
              byte[] tail = "{}]".getBytes(StandardCharsets.UTF_8);
              System.arraycopy(tail, 0, b, off, tail.length);
              offset = -2;
              return tail.length;
            }
            int n = Math.min(len, element.length - offset);
            System.arraycopy(element, offset, b, off, n);
            offset = (offset + n) % element.length;
            produced += n;
            return n;
          }
        };
    long[] written = new long[1];
    int[] redactedEmails = new int[1];
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            written[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            written[0] += len;
            for (int i = off; i < off + len; i++) {
              if (b[i] == 'E' && i + 4 < off + len && b[i + 1] == 'M' && b[i + 2] == 'A') {
                redactedEmails[0]++;
              }
            }
          }
        };
    JsonRedactor.builder().build().redact(in, out);
    assertThat(written[0]).isGreaterThan(target / 2);
    assertThat(redactedEmails[0]).isGreaterThan(1_000_000);
  }
}
