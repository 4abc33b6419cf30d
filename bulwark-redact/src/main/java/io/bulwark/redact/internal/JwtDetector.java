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
 * {@code JWT}: RFC 7519 compact serialization (three, or for JWE five, base64url segments) whose
 * header ({@code eyJ} = {@code {"}) decodes to a JSON object naming {@code alg}, {@code typ} or
 * {@code enc} (RFC 7515 §4.1).
 */
public final class JwtDetector implements Detector {

  private static final int MAX_HEADER = 1024;

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.JWT);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.prefix("eyJ"));
  }

  @Override
  public int detect(CharSequence text, int start, FindingSink sink) {
    int n = text.length();
    if (!Chars.startsWith(text, start, "eyJ", false)) {
      return -1;
    }
    int headerEnd = segmentEnd(text, start);
    if (headerEnd - start < 10 || headerEnd >= n || text.charAt(headerEnd) != '.') {
      return -1;
    }
    int payloadEnd = segmentEnd(text, headerEnd + 1);
    if (payloadEnd - headerEnd - 1 < 2) {
      return -1;
    }
    int end = payloadEnd;
    int segments = 2;
    while (segments < 5 && end < n && text.charAt(end) == '.') {
      end = segmentEnd(text, end + 1);
      segments++;
    }
    if (segments != 3 && segments != 5) {
      return -1;
    }
    if (end < n && (Chars.isToken(text.charAt(end)) || text.charAt(end) == '.')) {
      return -1;
    }
    if (!headerLooksLikeJose(text, start, headerEnd)) {
      return -1;
    }
    sink.report(DetectorTypes.JWT, start, end, 0.95);
    return end;
  }

  private static int segmentEnd(CharSequence text, int from) {
    int i = from;
    int n = text.length();
    while (i < n && Chars.isBase64Url(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean headerLooksLikeJose(CharSequence text, int start, int end) {
    if (end - start > MAX_HEADER || (end - start) % 4 == 1) {
      return false;
    }
    try {
      String json =
          new String(
              Base64.getUrlDecoder().decode(text.subSequence(start, end).toString()),
              StandardCharsets.ISO_8859_1);
      return json.startsWith("{")
          && (json.contains("\"alg\"") || json.contains("\"typ\"") || json.contains("\"enc\""));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
