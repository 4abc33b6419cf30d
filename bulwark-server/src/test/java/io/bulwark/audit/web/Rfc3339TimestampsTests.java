package io.bulwark.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339TimestampsTests {

  @Test
  void commonFormsAreReadDirectlyToTheFormattersInstant() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = randomTimestamp(random);
      Instant direct = Rfc3339Timestamps.parseCommonForm(text);
      assertThat(direct).as(text).isNotNull().isEqualTo(formatter(text));
      assertThat(Rfc3339Timestamps.parse(text)).isEqualTo(direct);
    }
  }

  @Test
  void everyOtherTextIsAcceptedOrRejectedExactlyAsByTheFormatter() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "2025-01-31T12:00:00Z",
                "2024-02-29T23:59:59.999999999+14:00",
                "2023-02-29T12:00:00Z",
                "2025-04-31T12:00:00Z",
                "2025-13-01T12:00:00Z",
                "2025-00-10T12:00:00Z",
                "2025-01-31T24:00:00Z",
                "2025-01-31T12:60:00Z",
                "2025-01-31T12:00:60Z",
                "2025-01-31T12:00:00+18:00",
                "2025-01-31T12:00:00+18:01",
                "2025-01-31T12:00:00+19:00",
                "2025-01-31T12:00:00+05:60",
                "2025-01-31T12:00:00-00:00",
                "2025-01-31T12:00:00+00:00",
                "2025-01-31t12:00:00z",
                "2025-01-31T12:00:00z",
                "2025-01-31 12:00:00Z",
                "2025-01-31T12:00Z",
                "2025-01-31T12:00:00.Z",
                "2025-01-31T12:00:00.1234567890Z",
                "2025-01-31T12:00:00",
                "2025-01-31T12:00:00+0200",
                "2025-01-31T12:00:00+02:00:30",
                "2025-01-31T12:00:00+2:00",
                "+12025-01-31T12:00:00Z",
                "0000-01-01T00:00:00Z",
                "2025-01-31T12:00:00ZZ",
                "2025-01-31T12:00:00.5+01:00x",
                "2025-1-31T12:00:00Z",
                "２０２５-01-31T12:00:00Z",
                ""));
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      // Random single-character damage to valid timestamps.
      StringBuilder text = new StringBuilder(randomTimestamp(random));
      int at = random.nextInt(text.length());
      text.setCharAt(at, "0123456789:-+.TZtz x".charAt(random.nextInt(20)));
      texts.add(text.toString());
    }
    for (String text : texts) {
      Instant expected;
      try {
        expected = formatter(text);
      } catch (DateTimeParseException rejected) {
        assertThatThrownBy(() -> Rfc3339Timestamps.parse(text))
            .as(text)
            .isInstanceOf(DateTimeParseException.class);
        continue;
      }
      assertThat(Rfc3339Timestamps.parse(text)).as(text).isEqualTo(expected);
      Instant direct = Rfc3339Timestamps.parseCommonForm(text);
      if (direct != null) {
        assertThat(direct).as(text).isEqualTo(expected);
      }
    }
  }

  private static Instant formatter(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static String randomTimestamp(Random random) {
    int year = random.nextInt(10_000);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(28);
    String text =
        String.format(
            Locale.ROOT,
            "%04d-%02d-%02dT%02d:%02d:%02d",
            year,
            month,
            day,
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60));
    int digits = random.nextInt(10);
    if (digits > 0) {
      StringBuilder fraction = new StringBuilder(".");
      for (int i = 0; i < digits; i++) {
        fraction.append((char) ('0' + random.nextInt(10)));
      }
      text += fraction;
    }
    if (random.nextBoolean()) {
      return text + "Z";
    }
    int hours = random.nextInt(18);
    int minutes = random.nextInt(60);
    char sign = random.nextBoolean() || hours + minutes == 0 ? '+' : '-';
    return text + String.format(Locale.ROOT, "%c%02d:%02d", sign, hours, minutes);
  }
}
