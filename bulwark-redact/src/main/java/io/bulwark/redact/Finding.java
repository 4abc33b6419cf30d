package io.bulwark.redact;

import java.util.Objects;

/**
 * A sensitive value found in a text: its type (one of {@link DetectorTypes} or a custom detector's
 * type), its span {@code [start, end)} in UTF-16 code units and a confidence in {@code [0, 1]}.
 *
 * <p>A finding never carries the matched value, so it is safe to log, count or serialize; use
 * {@link #valueIn(CharSequence)} to look at the value deliberately.
 *
 * @param type detector type name, e.g. {@code CREDIT_CARD}
 * @param start index of the first character of the value
 * @param end index after the last character of the value
 * @param confidence how sure the detector is, after context (hotword) adjustments
 */
public record Finding(String type, int start, int end, double confidence) {

  /** Validates the span and confidence. */
  public Finding {
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank");
    }
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
    }
  }

  /** Number of characters covered by this finding. */
  public int length() {
    return end - start;
  }

  /** Whether this finding's span shares at least one character with {@code other}'s. */
  public boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  /**
   * The sensitive value itself, read from the text this finding was produced from. Callers that
   * reach for this must not log the result.
   */
  public String valueIn(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
