package io.bulwark.audit.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 3339 timestamps exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} does, with a
 * direct path for the form producers send ({@code 2025-01-31T12:00:00.123456Z}, {@code …+02:00}):
 * the formatter was a tenth of the server's time per ingested event. Anything else, and every value
 * the direct path doubts, goes to the formatter, so what is accepted and what is rejected does not
 * change.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3339#section-5.6">RFC 3339 §5.6</a>
 */
final class Rfc3339Timestamps {

  private Rfc3339Timestamps() {}

  /**
   * @param text a timestamp
   * @return its instant
   * @throws DateTimeParseException if the formatter rejects it
   */
  static Instant parse(String text) {
    Instant common = parseCommonForm(text);
    return common != null
        ? common
        : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z} or {@code
   * ±HH:mm} other than {@code -00:00}, upper case only.
   *
   * @return the instant, or null when the text has another form or a value out of range
   */
  static @Nullable Instant parseCommonForm(String text) {
    int length = text.length();
    if (length < 20
        || !digits(text, 0, 4)
        || text.charAt(4) != '-'
        || !digits(text, 5, 2)
        || text.charAt(7) != '-'
        || !digits(text, 8, 2)
        || text.charAt(10) != 'T'
        || !digits(text, 11, 2)
        || text.charAt(13) != ':'
        || !digits(text, 14, 2)
        || text.charAt(16) != ':'
        || !digits(text, 17, 2)) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && isDigit(text.charAt(at))) {
        at++;
      }
      int count = at - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = number(text, start, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == length - 6
        && (text.charAt(at) == '+' || text.charAt(at) == '-')
        && digits(text, at + 1, 2)
        && text.charAt(at + 3) == ':'
        && digits(text, at + 4, 2)) {
      int minutes = number(text, at + 4, 2);
      if (minutes > 59) {
        return null;
      }
      int seconds = number(text, at + 1, 2) * 3600 + minutes * 60;
      if (text.charAt(at) == '-') {
        if (seconds == 0) {
          return null;
        }
        seconds = -seconds;
      }
      offsetSeconds = seconds;
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(
              number(text, 0, 4),
              number(text, 5, 2),
              number(text, 8, 2),
              number(text, 11, 2),
              number(text, 14, 2),
              number(text, 17, 2),
              nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException outOfRange) {
      return null;
    }
  }

  private static boolean digits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
