package io.bulwark.redact.internal;

/** ASCII character classes used by the scanner and detectors. */
public final class Chars {

  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    TOKEN['_'] = true;
  }

  private Chars() {}

  /** ASCII letter, digit or underscore. */
  public static boolean isToken(char c) {
    return c < 128 && TOKEN[c];
  }

  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  public static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  public static boolean isLetter(char c) {
    return isUpper(c) || isLower(c);
  }

  public static boolean isAlnum(char c) {
    return isLetter(c) || isDigit(c);
  }

  public static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  public static int hexValue(char c) {
    if (isDigit(c)) {
      return c - '0';
    }
    return (c | 0x20) - 'a' + 10;
  }

  /** Base64url alphabet ({@code A-Z a-z 0-9 - _}). */
  public static boolean isBase64Url(char c) {
    return isToken(c) || c == '-';
  }

  /** Lower-cases an ASCII letter, leaves everything else. */
  public static char lower(char c) {
    return isUpper(c) ? (char) (c | 0x20) : c;
  }

  /** Whether {@code text} has {@code literal} at {@code at}, ASCII case-insensitively if asked. */
  public static boolean startsWith(CharSequence text, int at, String literal, boolean ignoreCase) {
    int n = literal.length();
    if (at < 0 || at + n > text.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char a = text.charAt(at + i);
      char b = literal.charAt(i);
      if (a != b && !(ignoreCase && lower(a) == lower(b))) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first position at or after {@code from} that is not a token character. */
  public static int tokenEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    while (i < n && isToken(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
