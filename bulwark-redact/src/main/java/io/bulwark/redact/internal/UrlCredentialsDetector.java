package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Set;

/**
 * {@code URL_CREDENTIALS}: the RFC 3986 §3.2.1 userinfo {@code user:password} of a URL ({@code
 * scheme://user:password@host}), triggered at {@code '@'}. The whole userinfo is reported because
 * user names in connection strings are often secrets too.
 */
public final class UrlCredentialsDetector implements Detector {

  private static final int MAX_USERINFO = 256;

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.URL_CREDENTIALS);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.symbol('@'));
  }

  private static boolean isUserinfo(char c) {
    return Chars.isAlnum(c) || "-._~%!$&'()*+,;=:".indexOf(c) >= 0;
  }

  @Override
  public int detect(CharSequence text, int at, FindingSink sink) {
    int start = at;
    int limit = Math.max(0, at - MAX_USERINFO);
    boolean colon = false;
    while (start > limit) {
      char c = text.charAt(start - 1);
      if (c == '/' || !isUserinfo(c)) {
        break;
      }
      if (c == ':') {
        colon = true;
      }
      start--;
    }
    if (!colon
        || start < 3
        || text.charAt(start - 1) != '/'
        || text.charAt(start - 2) != '/'
        || text.charAt(start - 3) != ':'
        || text.charAt(at - 1) == ':') {
      return -1;
    }
    sink.report(DetectorTypes.URL_CREDENTIALS, start, at, 0.95);
    return at + 1;
  }
}
