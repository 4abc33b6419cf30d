package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code IBAN}: ISO 13616 account numbers, compact ({@code DE89370400440532013000}) or in groups of
 * four ({@code DE89 3704 0044 0532 0130 00}), with the registered length of the country and a valid
 * mod-97 check (ISO 7064). An IBAN-shaped value with a wrong check is skipped as a whole.
 */
public final class IbanDetector implements Detector {

  private static final Map<String, Integer> LENGTHS = lengths();

  private static Map<String, Integer> lengths() {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28"
            + " EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23"
            + " IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31"
            + " MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 TL23"
            + " TN24 TR26 UA29 VA22 VG24 XK20";
    var map = new java.util.HashMap<String, Integer>();
    for (String entry : table.split(" ")) {
      map.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
    return Map.copyOf(map);
  }

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.IBAN);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.tokenStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  }

  private static boolean isIbanChar(char c) {
    return Chars.isUpper(c) || Chars.isDigit(c);
  }

  @Override
  public int detect(CharSequence text, int start, FindingSink sink) {
    int n = text.length();
    if (start + 15 > n
        || !Chars.isUpper(text.charAt(start + 1))
        || !Chars.isDigit(text.charAt(start + 2))
        || !Chars.isDigit(text.charAt(start + 3))) {
      return -1;
    }
    Integer expected = LENGTHS.get(text.subSequence(start, start + 2).toString());
    if (expected == null) {
      return -1;
    }
    int end;
    if (text.charAt(start + 4) == ' ') {
      int count = 4;
      int i = start + 4;
      while (count < expected
          && i + 1 < n
          && text.charAt(i) == ' '
          && isIbanChar(text.charAt(i + 1))) {
        int groupStart = i + 1;
        int j = groupStart;
        int max = Math.min(4, expected - count);
        while (j < n && j - groupStart < max && isIbanChar(text.charAt(j))) {
          j++;
        }
        count += j - groupStart;
        i = j;
        if (j - groupStart < 4) {
          break;
        }
      }
      if (count != expected) {
        return -1;
      }
      end = i;
    } else {
      end = start;
      while (end < n && end - start <= expected && isIbanChar(text.charAt(end))) {
        end++;
      }
      if (end - start != expected) {
        return -1;
      }
    }
    if (end < n && Chars.isToken(text.charAt(end))) {
      return -1;
    }
    if (!Checksums.iban(text, start, end)) {
      // IBAN-shaped but invalid: consumed, so its digit groups are not mistaken for a card
      return end;
    }
    sink.report(DetectorTypes.IBAN, start, end, 0.95);
    return end;
  }
}
