package io.bulwark.redact.internal;

/** Check-digit algorithms used to confirm candidates. */
public final class Checksums {

  private Checksums() {}

  /** Luhn (ISO/IEC 7812-1 annex B) over the digits of {@code text[start, end)}. */
  public static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean dbl = false;
    int digits = 0;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (!Chars.isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /**
   * ISO 13616 / ISO 7064 mod 97-10 over the letters and digits of {@code text[start, end)}: the
   * first four characters move to the end, letters count as 10..35, the remainder must be 1.
   */
  public static boolean iban(CharSequence text, int start, int end) {
    char[] chars = new char[end - start];
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Chars.isAlnum(c)) {
        chars[n++] = Character.toUpperCase(c);
      }
    }
    if (n < 5) {
      return false;
    }
    int remainder = 0;
    for (int k = 0; k < n; k++) {
      char c = chars[(k + 4) % n];
      if (Chars.isDigit(c)) {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else {
        int v = c - 'A' + 10;
        remainder = (remainder * 100 + v) % 97;
      }
    }
    return remainder == 1;
  }
}
