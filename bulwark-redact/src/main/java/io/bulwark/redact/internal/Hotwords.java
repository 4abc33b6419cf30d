package io.bulwark.redact.internal;

import java.util.Locale;

/**
 * Context words near a candidate that make it more (or less) likely to be what a detector thinks it
 * is, in the spirit of Presidio context enhancement and DLP hotword rules. Matching is ASCII
 * case-insensitive; a word must start at a word boundary and must not run on into lower-case
 * letters ({@code tel} matches neither {@code hotel} nor {@code telemetry}), while camel and snake
 * case continue ({@code birth} matches {@code birthDate} and {@code birth_date}).
 */
public final class Hotwords {

  private final String[] words;
  private final boolean[] firstChars = new boolean[128];

  public Hotwords(String... words) {
    this.words = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      String w = words[i].toLowerCase(Locale.ROOT);
      this.words[i] = w;
      firstChars[w.charAt(0)] = true;
    }
  }

  /** Whether a word occurs within {@code window} characters before {@code position}. */
  public boolean before(CharSequence text, int position, int window) {
    return within(text, Math.max(0, position - window), position);
  }

  /** Whether a word occurs within {@code window} characters after {@code position}. */
  public boolean after(CharSequence text, int position, int window) {
    return within(text, position, Math.min(text.length(), position + window));
  }

  /** Whether a word starts within {@code [from, to)}. */
  public boolean within(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = Chars.lower(text.charAt(i));
      if (c < 128 && firstChars[c] && (i == 0 || !Chars.isLetter(text.charAt(i - 1)))) {
        for (String w : words) {
          if (w.charAt(0) == c
              && Chars.startsWith(text, i, w, true)
              && (i + w.length() >= text.length() || !Chars.isLower(text.charAt(i + w.length())))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
