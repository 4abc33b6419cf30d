package io.bulwark.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** IP literals and the address ranges operators configure (addresses and CIDR ranges). */
final class IpRanges {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  private IpRanges() {}

  /** An IP literal, checked before any parsing so that no name is ever looked up in DNS. */
  static boolean isLiteral(@Nullable String value) {
    if (value == null || value.length() > 45) {
      return false;
    }
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (!IPV6.matcher(value).matches()) {
      return false;
    }
    try {
      // With a colon in it the string is parsed as an IPv6 literal, never resolved.
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * @param setting the setting's name, for the error message
   * @param entries addresses and CIDR ranges such as {@code 10.0.0.0/8} or {@code ::1}; blank
   *     entries are skipped
   * @throws IllegalArgumentException when an entry is neither
   */
  static List<IpAddressMatcher> parse(String setting, List<String> entries) {
    List<IpAddressMatcher> matchers = new ArrayList<>();
    for (String entry : entries) {
      String range = entry.strip();
      if (range.isEmpty()) {
        continue;
      }
      String address = range.contains("/") ? range.substring(0, range.indexOf('/')) : range;
      if (!isLiteral(address)) {
        throw new IllegalArgumentException(setting + ": not an IP address or CIDR range: " + range);
      }
      matchers.add(new IpAddressMatcher(range));
    }
    return List.copyOf(matchers);
  }
}
