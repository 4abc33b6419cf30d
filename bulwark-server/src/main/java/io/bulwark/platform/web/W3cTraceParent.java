package io.bulwark.platform.web;

import org.jspecify.annotations.Nullable;

/**
 * A W3C {@code traceparent} header: {@code version-traceid-parentid-flags}, lower-case hex. Parsed
 * by hand because it is read on every request (once for the correlation id, once for the sampling
 * decision) and a regular expression cost more than the rest of that work.
 *
 * @param traceId the 32-hex-digit trace id, never all zeros
 * @param parentId the 16-hex-digit id of the caller's span, never all zeros
 * @param sampled whether the caller recorded its trace (flag {@code 01})
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context,
 *     traceparent</a>
 */
public record W3cTraceParent(String traceId, String parentId, boolean sampled) {

  /** The request header that carries it. */
  public static final String HEADER = "traceparent";

  private static final int VERSION_00_LENGTH = 55;

  /**
   * Reads a header value, or returns null when it is absent or not a valid {@code traceparent}
   * (wrong length or separators, upper-case or non-hex digits, version {@code ff}, an all-zero id).
   * A version above {@code 00} may carry more fields after the flags, which are ignored.
   */
  public static @Nullable W3cTraceParent parse(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (value.length() < VERSION_00_LENGTH
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-'
        || !isHex(value, 0, 2)
        || !isHex(value, 3, 35)
        || !isHex(value, 36, 52)
        || !isHex(value, 53, 55)) {
      return null;
    }
    boolean version00 = value.startsWith("00");
    if (value.startsWith("ff")
        || (version00 && value.length() != VERSION_00_LENGTH)
        || (!version00 && value.length() > VERSION_00_LENGTH && value.charAt(55) != '-')
        || isZero(value, 3, 35)
        || isZero(value, 36, 52)) {
      return null;
    }
    boolean sampled = (Character.digit(value.charAt(54), 16) & 1) == 1;
    return new W3cTraceParent(value.substring(3, 35), value.substring(36, 52), sampled);
  }

  private static boolean isHex(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (value.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
