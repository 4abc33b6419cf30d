package io.bulwark.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTests {

  @Test
  void cleanLineIsReturnedAsTheSameInstance() {
    String line = "2024-01-15T10:23:45.123Z INFO [main] c.a.Service - processed 42 items in 13 ms";
    assertThat(Redactor.defaults().redact(line)).isSameAs(line);
  }

  @Test
  void defaultMaskIsTheTypeMarker() {
    assertThat(Redactor.defaults().redact("mail bob@example.com, card 4111-1111-1111-1111"))
        .isEqualTo("mail [REDACTED:EMAIL], card [REDACTED:CREDIT_CARD]");
  }

  @Test
  void findingToStringNeverContainsTheValue() {
    String text = "password=hunter2 card 4111111111111111";
    assertThat(Redactor.defaults().scan(text))
        .hasSize(2)
        .allSatisfy(f -> {
          assertThat(f.toString()).doesNotContain("hunter2").doesNotContain("4111111111111111");
          assertThat(f.toString()).contains(f.type());
        });
  }

  @Test
  void keepLastShowsOnlyTheLastFourDigitsAndKeepsSeparators() {
    Redactor redactor =
        Redactor.builder().strategy(DetectorTypes.CREDIT_CARD, MaskingStrategy.keepLast(4)).build();
    assertThat(redactor.redact("card 4111-1111-1111-1111")).isEqualTo("card ****-****-****-1111");
  }

  @Test
  void keepLastMasksShortValuesCompletely() {
    Redactor redactor =
        Redactor.builder().strategy(DetectorTypes.PASSWORD, MaskingStrategy.keepLast(4)).build();
    assertThat(redactor.redact("password=hunter2")).isEqualTo("password=*******");
  }

  @Test
  void pseudonymIsStableForTheSameValueAndKeyAndIgnoresFormatting() {
    PseudonymKey key =
        PseudonymKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    Redactor redactor =
        Redactor.builder().defaultStrategy(MaskingStrategy.pseudonymize(key)).build();
    String a = redactor.redact("card 4111 1111 1111 1111");
    String b = redactor.redact("card 4111-1111-1111-1111");
    String c = redactor.redact("card 5555 5555 5555 4444");
    assertThat(a).matches("card \\[CREDIT_CARD#[0-9a-f]{16}]").isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void pseudonymDiffersUnderAnotherKey() {
    Redactor one =
        Redactor.builder()
            .defaultStrategy(MaskingStrategy.pseudonymize(PseudonymKey.of(new byte[32])))
            .build();
    byte[] other = new byte[32];
    other[0] = 1;
    Redactor two =
        Redactor.builder()
            .defaultStrategy(MaskingStrategy.pseudonymize(PseudonymKey.of(other)))
            .build();
    assertThat(one.redact("bob@example.com")).isNotEqualTo(two.redact("bob@example.com"));
  }

  @Test
  void pseudonymKeyDoesNotRevealItsMaterial() {
    byte[] material = "super-secret-key-material".getBytes(StandardCharsets.US_ASCII);
    PseudonymKey key = PseudonymKey.of(material);
    assertThat(key.toString()).doesNotContain("super-secret");
    assertThat(MaskingStrategy.pseudonymize(key).toString()).doesNotContain("super-secret");
    assertThatThrownBy(() -> PseudonymKey.of(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropRemovesTheValue() {
    Redactor redactor = Redactor.builder().defaultStrategy(MaskingStrategy.drop()).build();
    assertThat(redactor.redact("to bob@example.com.")).isEqualTo("to .");
  }

  @Test
  void typesCanBeRestrictedOrExcluded() {
    String text = "bob@example.com from 10.0.0.1";
    assertThat(Redactor.builder().types(List.of(DetectorTypes.EMAIL)).build().redact(text))
        .isEqualTo("[REDACTED:EMAIL] from 10.0.0.1");
    assertThat(
            Redactor.builder().withoutTypes(List.of(DetectorTypes.IP_ADDRESS)).build().redact(text))
        .isEqualTo("[REDACTED:EMAIL] from 10.0.0.1");
  }

  @Test
  void unknownTypeOrConfidenceOutOfRangeIsRejectedByTheBuilder() {
    assertThatThrownBy(() -> Redactor.builder().types(List.of("NOPE")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOPE");
    assertThatThrownBy(() -> Redactor.builder().minConfidence(1.5).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Redactor.builder().types(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customDetectorPlugsInThroughItsTrigger() {
    Detector employeeIds =
        new Detector() {
          @Override
          public Set<String> types() {
            return Set.of("EMPLOYEE_ID");
          }

          @Override
          public List<Trigger> triggers() {
            return List.of(Trigger.prefix("EMP-"));
          }

          @Override
          public int detect(CharSequence text, int position, FindingSink sink) {
            int end = position + 4;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
              end++;
            }
            if (end - position != 10) {
              return -1;
            }
            sink.report("EMPLOYEE_ID", position, end, 0.9);
            return end;
          }
        };
    Redactor redactor = Redactor.builder().addDetector(employeeIds).build();
    assertThat(redactor.redact("owner EMP-123456 and EMP-12"))
        .isEqualTo("owner [REDACTED:EMPLOYEE_ID] and EMP-12");
  }

  @Test
  void overlappingFindingsMergeIntoOne() {
    List<Finding> findings = Redactor.defaults().scan("https://bob:pw@example.com/x");
    assertThat(findings).extracting(Finding::type).containsExactly(DetectorTypes.URL_CREDENTIALS);
  }

  @Test
  void findingRejectsInvalidSpansAndConfidence() {
    assertThatThrownBy(() -> new Finding("EMAIL", 5, 5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Finding("EMAIL", 0, 5, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Finding(" ", 0, 5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonAsciiTextAroundValuesKeepsOffsetsAligned() {
    String text = "Grüße 😀 an bob@example.com – 4111 1111 1111 1111 ✓";
    assertThat(Redactor.defaults().redact(text))
        .isEqualTo("Grüße 😀 an [REDACTED:EMAIL] – [REDACTED:CREDIT_CARD] ✓");
  }
}
