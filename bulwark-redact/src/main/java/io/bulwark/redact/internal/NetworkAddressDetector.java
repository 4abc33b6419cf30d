package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Set;

/**
 * {@code IP_ADDRESS} (IPv6, RFC 4291 §2.2 text forms including {@code ::} compression and an
 * embedded IPv4 tail) and {@code MAC_ADDRESS} (six two-digit hex groups separated by {@code :} or
 * {@code -}). IPv4 addresses are found by {@link NumberDetector}. Clock times such as {@code
 * 10:23:45} are not addresses: without {@code ::} an IPv6 address needs all eight groups.
 */
public final class NetworkAddressDetector implements Detector {

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.IP_ADDRESS, DetectorTypes.MAC_ADDRESS);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.symbol(':'), Trigger.symbol('-'));
  }

  /**
   * Called at the first separator; looks back over at most four hex digits for the start, which
   * must be a token boundary (a later separator of the same address finds a hex digit or a
   * separator there and stops at once).
   */
  @Override
  public int detect(CharSequence text, int at, FindingSink sink) {
    int n = text.length();
    char sep = text.charAt(at);
    int start = at;
    while (start > 0 && at - start < 5 && Chars.isHex(text.charAt(start - 1))) {
      start--;
    }
    int hexLength = at - start;
    if (hexLength > 4) {
      return -1;
    }
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (Chars.isToken(before) || before == ':' || before == '-' || before == '.') {
        return -1;
      }
    }
    if (sep == '-') {
      return hexLength == 2 ? mac(text, start, '-', sink) : -1;
    }
    if (hexLength == 0) {
      if (at + 2 >= n || text.charAt(at + 1) != ':' || !Chars.isHex(text.charAt(at + 2))) {
        return -1;
      }
      return ipv6(text, at, sink);
    }
    if (hexLength == 2) {
      int mac = mac(text, start, ':', sink);
      if (mac > at) {
        return mac;
      }
    }
    return ipv6(text, start, sink);
  }

  private static int mac(CharSequence text, int start, char sep, FindingSink sink) {
    int n = text.length();
    int i = start;
    for (int group = 0; group < 6; group++) {
      if (i + 2 > n || !Chars.isHex(text.charAt(i)) || !Chars.isHex(text.charAt(i + 1))) {
        return -1;
      }
      i += 2;
      if (group < 5) {
        if (i >= n || text.charAt(i) != sep) {
          return -1;
        }
        i++;
      }
    }
    if (i < n
        && (Chars.isToken(text.charAt(i))
            || (text.charAt(i) == sep && i + 1 < n && Chars.isHex(text.charAt(i + 1))))) {
      return -1;
    }
    sink.report(DetectorTypes.MAC_ADDRESS, start, i, 0.9);
    return i;
  }

  private static int ipv6(CharSequence text, int start, FindingSink sink) {
    int n = text.length();
    int i = start;
    int groups = 0;
    boolean compressed = false;
    if (Chars.startsWith(text, i, "::", false)) {
      compressed = true;
      i += 2;
    }
    while (true) {
      int groupStart = i;
      while (i < n && i - groupStart < 5 && Chars.isHex(text.charAt(i))) {
        i++;
      }
      int length = i - groupStart;
      if (length == 0) {
        break;
      }
      if (length > 4) {
        return -1;
      }
      if (i < n && text.charAt(i) == '.' && (compressed ? groups <= 5 : groups == 6)) {
        int v4 = NumberDetector.ipv4End(text, groupStart);
        if (v4 < 0) {
          return -1;
        }
        groups += 2;
        i = v4;
        break;
      }
      groups++;
      if (groups > 8) {
        return -1;
      }
      if (i + 1 < n && text.charAt(i) == ':') {
        if (text.charAt(i + 1) == ':') {
          if (compressed) {
            return -1;
          }
          compressed = true;
          i += 2;
          continue;
        }
        if (Chars.isHex(text.charAt(i + 1))) {
          i++;
          continue;
        }
      }
      break;
    }
    boolean valid =
        compressed
            ? groups <= 7 && (groups >= 2 || (groups == 1 && text.charAt(start) == ':'))
            : groups == 8;
    if (!valid || (i < n && (Chars.isToken(text.charAt(i)) || text.charAt(i) == ':'))) {
      return -1;
    }
    sink.report(DetectorTypes.IP_ADDRESS, start, i, 0.85);
    return i;
  }
}
