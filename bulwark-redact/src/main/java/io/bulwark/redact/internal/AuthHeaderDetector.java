package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code AUTH_HEADER}: the credentials after an RFC 9110 §11.6.2 {@code Bearer} (RFC 6750) or
 * {@code Basic} (RFC 7617) scheme word. Only the credentials are reported, the scheme stays
 * readable. Bearer values must look like tokens (a digit or token punctuation, or at least 16
 * characters), Basic values must decode to {@code user:password}, so prose such as "Basic
 * authentication" is left alone.
 */
public final class AuthHeaderDetector implements Detector {

  private static final Hotwords CONTEXT = new Hotwords("authorization", "auth");

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.AUTH_HEADER);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.prefixIgnoringCase("bearer "), Trigger.prefixIgnoringCase("basic "));
  }

  @Override
  public int detect(CharSequence text, int start, FindingSink sink) {
    boolean bearer =
        Chars.lower(text.charAt(start)) == 'b' && Chars.lower(text.charAt(start + 1)) == 'e';
    int valueStart = start + (bearer ? 7 : 6);
    int valueEnd = credentialsEnd(text, valueStart);
    if (!(bearer
        ? looksLikeBearer(text, valueStart, valueEnd)
        : isBasic(text, valueStart, valueEnd))) {
      return -1;
    }
    double confidence = CONTEXT.before(text, start, 24) ? 0.95 : 0.9;
    sink.report(DetectorTypes.AUTH_HEADER, valueStart, valueEnd, confidence);
    return valueEnd;
  }

  /** End of an RFC 9110 token68 starting at {@code from}. */
  static int credentialsEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (Chars.isAlnum(c)
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '+'
          || c == '/') {
        i++;
      } else {
        break;
      }
    }
    while (i < n && text.charAt(i) == '=') {
      i++;
    }
    return i;
  }

  static boolean looksLikeBearer(CharSequence text, int from, int to) {
    int length = to - from;
    if (length < 8) {
      return false;
    }
    if (length >= 16) {
      return true;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!Chars.isLetter(c)) {
        return true;
      }
    }
    return false;
  }

  static boolean isBasic(CharSequence text, int from, int to) {
    if (to - from < 4 || to - from > 1024) {
      return false;
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(text.subSequence(from, to).toString());
      String pair = new String(decoded, StandardCharsets.ISO_8859_1);
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        return false;
      }
      for (int i = 0; i < pair.length(); i++) {
        if (pair.charAt(i) < ' ') {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
