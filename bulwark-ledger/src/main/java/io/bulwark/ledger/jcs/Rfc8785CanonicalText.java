package io.bulwark.ledger.jcs;

/**
 * Recognizes JSON text that already is the RFC 8785 canonical form of its value, without building
 * the value: no whitespace, object members in increasing order of their names' UTF-16 code units
 * (so no name twice), strings escaped exactly as {@link Rfc8785Canonicalizer#appendString} escapes
 * them, numbers exactly as {@link Rfc8785Canonicalizer#formatNumber} writes them.
 *
 * <p>Conservative by design: it answers "not known canonical" for anything it does not prove
 * canonical — besides non-canonical or malformed text, a member name holding an escape, or nesting
 * deeper than {@value #MAX_DEPTH} levels — and a caller then parses and canonicalizes the slow way.
 * It never answers canonical for text that is not, so hashing the text as it is gives the same hash
 * as canonicalizing its value.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 */
public final class Rfc8785CanonicalText {

  /** Deeper values are left to the parser. */
  public static final int MAX_DEPTH = 64;

  private static final int NOT_CANONICAL = -1;

  private Rfc8785CanonicalText() {}

  /**
   * Where the canonical JSON value that starts at {@code start} ends.
   *
   * @return the index just past the value, or {@code -1} if the text there is not known to be one
   *     canonical JSON value
   */
  public static int valueEnd(CharSequence text, int start) {
    return value(text, start, 0);
  }

  private static int value(CharSequence text, int at, int depth) {
    if (at >= text.length()) {
      return NOT_CANONICAL;
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> depth < MAX_DEPTH ? elements(text, at + 1, depth + 1, '}') : NOT_CANONICAL;
      case '[' -> depth < MAX_DEPTH ? elements(text, at + 1, depth + 1, ']') : NOT_CANONICAL;
      case '"' -> string(text, at + 1);
      case 't' -> literal(text, at, "true");
      case 'f' -> literal(text, at, "false");
      case 'n' -> literal(text, at, "null");
      default -> c == '-' || (c >= '0' && c <= '9') ? number(text, at) : NOT_CANONICAL;
    };
  }

  /**
   * The members of an object ({@code close} is '}') or the elements of an array (']') after the
   * opening bracket: the index past the closing one.
   */
  private static int elements(CharSequence text, int at, int depth, char close) {
    if (at < text.length() && text.charAt(at) == close) {
      return at + 1;
    }
    int previousName = -1;
    int previousNameEnd = -1;
    while (true) {
      if (close == '}') {
        if (at >= text.length() || text.charAt(at) != '"') {
          return NOT_CANONICAL;
        }
        int nameEnd = plainName(text, at + 1);
        if (nameEnd < 0
            || (previousName >= 0
                && compare(text, previousName, previousNameEnd, at + 1, nameEnd - 1) >= 0)
            || nameEnd >= text.length()
            || text.charAt(nameEnd) != ':') {
          return NOT_CANONICAL;
        }
        previousName = at + 1;
        previousNameEnd = nameEnd - 1;
        at = nameEnd + 1;
      }
      at = value(text, at, depth);
      if (at < 0 || at >= text.length()) {
        return NOT_CANONICAL;
      }
      char next = text.charAt(at);
      if (next == close) {
        return at + 1;
      }
      if (next != ',') {
        return NOT_CANONICAL;
      }
      at++;
    }
  }

  /** A member name without escapes (compared as it is written): the index past its quote. */
  private static int plainName(CharSequence text, int at) {
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20 || c == '\\') {
        return NOT_CANONICAL;
      }
      if (Character.isSurrogate(c)) {
        if (!pairAt(text, i)) {
          return NOT_CANONICAL;
        }
        i++;
      }
    }
    return NOT_CANONICAL;
  }

  /** Whether a high surrogate at {@code i} is followed by a low one (a character beyond U+FFFF). */
  private static boolean pairAt(CharSequence text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  /** Orders two names by UTF-16 code units, as RFC 8785 §3.2.3 sorts members. */
  private static int compare(CharSequence text, int a, int aEnd, int b, int bEnd) {
    int length = Math.min(aEnd - a, bEnd - b);
    for (int i = 0; i < length; i++) {
      int difference = text.charAt(a + i) - text.charAt(b + i);
      if (difference != 0) {
        return difference;
      }
    }
    return (aEnd - a) - (bEnd - b);
  }

  /** A string value after its opening quote: the index past its closing quote. */
  private static int string(CharSequence text, int at) {
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        return NOT_CANONICAL;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          return NOT_CANONICAL;
        }
        char escaped = text.charAt(++i);
        switch (escaped) {
          case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {}
          case 'u' -> {
            if (!controlEscape(text, i + 1)) {
              return NOT_CANONICAL;
            }
            i += 4;
          }
          default -> {
            return NOT_CANONICAL;
          }
        }
      } else if (Character.isSurrogate(c)) {
        if (!pairAt(text, i)) {
          return NOT_CANONICAL;
        }
        i++;
      }
    }
    return NOT_CANONICAL;
  }

  /**
   * Whether {@code \\u} is followed by {@code 00XX} in lower-case hex naming a control character
   * that has no short escape: the only {@code \\u} escapes the canonical form writes.
   */
  private static boolean controlEscape(CharSequence text, int at) {
    if (at + 4 > text.length() || text.charAt(at) != '0' || text.charAt(at + 1) != '0') {
      return false;
    }
    int high = lowerHex(text.charAt(at + 2));
    int low = lowerHex(text.charAt(at + 3));
    if (high < 0 || low < 0) {
      return false;
    }
    int code = high * 16 + low;
    return code < 0x20
        && code != '\b'
        && code != '\f'
        && code != '\n'
        && code != '\r'
        && code != '\t';
  }

  private static int lowerHex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private static int literal(CharSequence text, int at, String literal) {
    int end = at + literal.length();
    if (end > text.length()) {
      return NOT_CANONICAL;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (text.charAt(at + i) != literal.charAt(i)) {
        return NOT_CANONICAL;
      }
    }
    return end;
  }

  /**
   * A number: the JSON number grammar, then the text must be what {@link
   * Rfc8785Canonicalizer#formatNumber} writes for the double it denotes.
   */
  private static int number(CharSequence text, int at) {
    int i = at;
    if (i < text.length() && text.charAt(i) == '-') {
      i++;
    }
    int digits = digits(text, i);
    if (digits == 0 || (digits > 1 && text.charAt(i) == '0')) {
      return NOT_CANONICAL;
    }
    i += digits;
    if (i < text.length() && text.charAt(i) == '.') {
      int fraction = digits(text, i + 1);
      if (fraction == 0) {
        return NOT_CANONICAL;
      }
      i += 1 + fraction;
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      int exponent = digits(text, j);
      if (exponent == 0) {
        return NOT_CANONICAL;
      }
      i = j + exponent;
    }
    String number = text.subSequence(at, i).toString();
    double value = Double.parseDouble(number);
    if (Double.isInfinite(value) || !Rfc8785Canonicalizer.formatNumber(value).equals(number)) {
      return NOT_CANONICAL;
    }
    return i;
  }

  private static int digits(CharSequence text, int at) {
    int i = at;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - at;
  }
}
