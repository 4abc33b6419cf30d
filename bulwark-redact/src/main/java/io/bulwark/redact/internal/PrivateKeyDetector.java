package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Set;

/**
 * {@code PRIVATE_KEY}: an RFC 7468 PEM block whose label contains {@code PRIVATE KEY} (PKCS#1,
 * PKCS#8, SEC1, OpenSSH, encrypted, PGP), from {@code -----BEGIN} to the end of the matching {@code
 * -----END ...-----} line. A block without its end runs to the end of the text, so a truncated key
 * is still redacted. Certificates and public keys are not reported.
 */
public final class PrivateKeyDetector implements Detector {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 48;

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.PRIVATE_KEY);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.symbol('-'));
  }

  @Override
  public int detect(CharSequence text, int at, FindingSink sink) {
    if (!Chars.startsWith(text, at, BEGIN, false)) {
      return -1;
    }
    int labelStart = at + BEGIN.length();
    int labelEnd = labelStart;
    int limit = Math.min(text.length(), labelStart + MAX_LABEL);
    while (labelEnd < limit && text.charAt(labelEnd) != '-') {
      char c = text.charAt(labelEnd);
      if (!(Chars.isUpper(c) || Chars.isDigit(c) || c == ' ')) {
        return -1;
      }
      labelEnd++;
    }
    if (!Chars.startsWith(text, labelEnd, DASHES, false)) {
      return -1;
    }
    int headerEnd = labelEnd + DASHES.length();
    if (!contains(text, labelStart, labelEnd, "PRIVATE KEY")) {
      return headerEnd;
    }
    int footer = indexOf(text, END, headerEnd);
    int end;
    if (footer < 0) {
      end = text.length();
    } else {
      int close = indexOf(text, DASHES, footer + END.length());
      end = close < 0 ? text.length() : close + DASHES.length();
    }
    sink.report(DetectorTypes.PRIVATE_KEY, at, end, 0.99);
    return end;
  }

  private static boolean contains(CharSequence text, int from, int to, String literal) {
    for (int i = from; i + literal.length() <= to; i++) {
      if (Chars.startsWith(text, i, literal, false)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(CharSequence text, String literal, int from) {
    if (text instanceof String s) {
      return s.indexOf(literal, from);
    }
    for (int i = from; i + literal.length() <= text.length(); i++) {
      if (Chars.startsWith(text, i, literal, false)) {
        return i;
      }
    }
    return -1;
  }
}
