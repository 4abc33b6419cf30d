package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Set;

/**
 * {@code EMAIL}: triggered at {@code '@'}; looks back at most 64 characters for the local part (RFC
 * 5321 limit) and forward at most 253 for a dotted domain with an alphabetic TLD.
 */
public final class EmailDetector implements Detector {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  private static final Hotwords CONTEXT = new Hotwords("email", "e-mail", "mail", "contact");

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.EMAIL);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.symbol('@'));
  }

  private static boolean isLocal(char c) {
    return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  @Override
  public int detect(CharSequence text, int at, FindingSink sink) {
    int start = at;
    int limit = Math.max(0, at - MAX_LOCAL);
    while (start > limit && isLocal(text.charAt(start - 1))) {
      start--;
    }
    if (start == limit && start > 0 && isLocal(text.charAt(start - 1))) {
      return -1;
    }
    while (start < at && !Chars.isAlnum(text.charAt(start))) {
      start++;
    }
    if (start == at) {
      return -1;
    }
    int end = domainEnd(text, at + 1);
    if (end < 0) {
      return -1;
    }
    double confidence = CONTEXT.before(text, start, 32) ? 0.95 : 0.9;
    sink.report(DetectorTypes.EMAIL, start, end, confidence);
    return end;
  }

  /** End of a valid domain starting at {@code from}, or -1. */
  static int domainEnd(CharSequence text, int from) {
    int n = Math.min(text.length(), from + MAX_DOMAIN);
    int i = from;
    int lastDot = -1;
    int labelStart = from;
    int validEnd = -1;
    while (i < n) {
      char c = text.charAt(i);
      if (Chars.isAlnum(c)) {
        i++;
      } else if (c == '-') {
        if (i == labelStart) {
          break;
        }
        i++;
      } else if (c == '.') {
        if (i == labelStart || text.charAt(i - 1) == '-') {
          break;
        }
        if (lastDot >= 0 && isTld(text, lastDot + 1, i)) {
          validEnd = i;
        }
        lastDot = i;
        i++;
        labelStart = i;
      } else {
        break;
      }
    }
    if (lastDot >= 0 && i > labelStart && text.charAt(i - 1) != '-' && isTld(text, labelStart, i)) {
      validEnd = i;
    }
    if (validEnd < 0 || (validEnd < text.length() && Chars.isToken(text.charAt(validEnd)))) {
      return -1;
    }
    return validEnd;
  }

  private static boolean isTld(CharSequence text, int from, int to) {
    int length = to - from;
    if (length < 2 || length > 24) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Chars.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
