package io.bulwark.ledger.jcs;

import java.math.BigDecimal;

/**
 * ECMAScript {@code Number::toString} (ECMA-262 §6.1.6.1.20) built on {@link Double#toString},
 * which since JDK 19 yields the shortest uniquely identifying decimal, closest to the exact value.
 * The one divergence — Java prints two digits where one would do but two are closer (e.g. {@code
 * 4.9E-324} for ECMAScript's {@code 5e-324}) — is corrected here.
 */
final class EcmaScriptNumber {

  private EcmaScriptNumber() {}

  static String format(double value) {
    double magnitude = Math.abs(value);
    Decimal decimal = Decimal.parse(Double.toString(magnitude));
    if (decimal.digits().length() == 2) {
      decimal = shortenToOneDigit(decimal, magnitude);
    }
    StringBuilder out = new StringBuilder(26);
    if (value < 0) {
      out.append('-');
    }
    layout(decimal.digits(), decimal.exponent(), out);
    return out.toString();
  }

  /** Significant digits {@code s} and exponent {@code n}: value = 0.s × 10^n. */
  private record Decimal(String digits, int exponent) {

    static Decimal parse(String javaText) {
      int e = javaText.indexOf('E');
      String mantissa = e < 0 ? javaText : javaText.substring(0, e);
      int exponent = e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1));
      int point = mantissa.indexOf('.');
      String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
      exponent += point;
      int leading = 0;
      while (leading < digits.length() - 1 && digits.charAt(leading) == '0') {
        leading++;
      }
      int end = digits.length();
      while (end > leading + 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Decimal(digits.substring(leading, end), exponent - leading);
    }
  }

  private static Decimal shortenToOneDigit(Decimal decimal, double magnitude) {
    int first = decimal.digits().charAt(0) - '0';
    Decimal best = null;
    BigDecimal bestDistance = null;
    BigDecimal exact = new BigDecimal(magnitude);
    for (int candidate = first; candidate <= first + 1; candidate++) {
      Decimal shorter =
          candidate == 10
              ? new Decimal("1", decimal.exponent() + 1)
              : new Decimal(Integer.toString(candidate), decimal.exponent());
      String text = shorter.digits() + "E" + (shorter.exponent() - 1);
      if (Double.parseDouble(text) != magnitude) {
        continue;
      }
      BigDecimal distance = new BigDecimal(text).subtract(exact).abs();
      if (bestDistance == null
          || distance.compareTo(bestDistance) < 0
          || (distance.compareTo(bestDistance) == 0 && candidate % 2 == 0)) {
        best = shorter;
        bestDistance = distance;
      }
    }
    return best == null ? decimal : best;
  }

  private static void layout(String digits, int n, StringBuilder out) {
    int k = digits.length();
    if (k <= n && n <= 21) {
      out.append(digits);
      out.repeat('0', n - k);
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      out.repeat('0', -n);
      out.append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      int e = n - 1;
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
  }
}
