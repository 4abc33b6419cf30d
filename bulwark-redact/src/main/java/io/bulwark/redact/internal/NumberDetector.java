package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Set;

/**
 * Everything made of digit groups, parsed once per run of digits and separators ({@code space - .
 * /}, parentheses, a leading {@code +}) and classified group by group:
 *
 * <ul>
 *   <li>{@code IP_ADDRESS}: dotted-quad IPv4, not part of a longer dotted sequence and not after
 *       "version" or "build";
 *   <li>{@code CREDIT_CARD}: 13-19 digits, one group or a first group of four followed by groups of
 *       three to six, one separator kind, issuer prefix 2-6, Luhn-valid;
 *   <li>{@code US_SSN}: {@code AAA-GG-SSSS} with area not 000, 666 or 9xx, group not 00, serial not
 *       0000 (9 undivided digits need an "SSN" context word);
 *   <li>{@code PHONE}: E.164 {@code +} numbers of 8-15 digits, NANP {@code (555) 123-4567} / {@code
 *       555-123-4567} / {@code 555.123.4567}, national numbers with a trunk {@code 0} and spaces or
 *       dashes; undivided digits only with a phone context word;
 *   <li>{@code DATE_OF_BIRTH}: a valid Y-M-D, D-M-Y or M-D-Y date with a birth context word;
 *   <li>{@code MEDICAL_RECORD_NUMBER}: 6-10 digits with a medical-record context word.
 * </ul>
 *
 * A run glued to a word ({@code v1.2.3}, {@code ORD-4111...}, {@code 15T10}) is not a value on its
 * own and is skipped.
 */
public final class NumberDetector implements Detector {

  private static final int MAX_GROUPS = 24;

  /** Parse scratch space, reused because timestamps and dates make multi-group runs common. */
  private static final ThreadLocal<Run> RUNS = ThreadLocal.withInitial(Run::new);

  private static final int CONTEXT_WINDOW = 40;

  private static final Hotwords CARD_CONTEXT =
      new Hotwords("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "payment");
  private static final Hotwords PHONE_CONTEXT =
      new Hotwords(
          "phone",
          "telephone",
          "tel",
          "mobile",
          "cell",
          "call",
          "called",
          "fax",
          "sms",
          "whatsapp",
          "dial");
  private static final Hotwords SSN_CONTEXT = new Hotwords("ssn", "social security", "social sec");
  private static final Hotwords BIRTH_CONTEXT =
      new Hotwords("dob", "d.o.b", "birth", "birthday", "birthdate", "born", "geburtsdatum");
  private static final Hotwords MRN_CONTEXT =
      new Hotwords(
          "mrn",
          "medical record",
          "med rec",
          "medical_record",
          "record number",
          "record no",
          "patient id",
          "patient_id",
          "patientid",
          "chart");
  private static final Hotwords NOT_AN_ADDRESS =
      new Hotwords("version", "ver", "release", "build", "firmware", "oid");

  @Override
  public Set<String> types() {
    return Set.of(
        DetectorTypes.CREDIT_CARD,
        DetectorTypes.US_SSN,
        DetectorTypes.PHONE,
        DetectorTypes.IP_ADDRESS,
        DetectorTypes.DATE_OF_BIRTH,
        DetectorTypes.MEDICAL_RECORD_NUMBER);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.tokenStart("0123456789"), Trigger.symbol('+'), Trigger.symbol('('));
  }

  /** The parsed run: group digit spans, separator before each group, parenthesised groups. */
  private static final class Run {
    final int[] start = new int[MAX_GROUPS];
    final int[] end = new int[MAX_GROUPS];
    final char[] sep = new char[MAX_GROUPS];
    final boolean[] paren = new boolean[MAX_GROUPS];
    int count;
    boolean plus;

    int length(int g) {
      return end[g] - start[g];
    }

    int value(CharSequence text, int g) {
      int v = 0;
      for (int i = start[g]; i < end[g] && i - start[g] < 9; i++) {
        v = v * 10 + (text.charAt(i) - '0');
      }
      return v;
    }
  }

  @Override
  public int detect(CharSequence text, int position, FindingSink sink) {
    int n = text.length();
    char first = text.charAt(position);
    if (first == '+' || first == '(') {
      if (position + 1 >= n || !Chars.isDigit(text.charAt(position + 1))) {
        return -1;
      }
      if (position > 0 && Chars.isAlnum(text.charAt(position - 1))) {
        return -1;
      }
    }
    boolean glued = false;
    if (position > 1) {
      char before = text.charAt(position - 1);
      if ((before == '.' || before == '-' || before == '/')
          && Chars.isAlnum(text.charAt(position - 2))) {
        glued = true;
      }
    }
    if (position + 5 < n
        && text.charAt(position + 2) == '-'
        && Chars.isDigit(text.charAt(position + 1))
        && Chars.isHex(text.charAt(position + 3))
        && Chars.isHex(text.charAt(position + 4))
        && text.charAt(position + 5) == '-') {
      // 00-1a-2b-...: a MAC address, left to NetworkAddressDetector at the first '-'
      return -1;
    }
    // Fast path: a lone short number (counters, durations, ports) is the common case in logs.
    if (first != '+' && first != '(') {
      int e = position;
      while (e < n && Chars.isDigit(text.charAt(e))) {
        e++;
      }
      boolean continues =
          e + 1 < n
              && isSeparator(text.charAt(e))
              && (Chars.isDigit(text.charAt(e + 1)) || text.charAt(e + 1) == '(');
      if (e - position < 6 && !continues) {
        return e;
      }
    }
    Run run = RUNS.get();
    run.count = 0;
    run.plus = false;
    int runEnd = parse(text, position, run);
    if (glued || run.count == 0) {
      return runEnd;
    }
    if (runEnd < n) {
      char after = text.charAt(runEnd);
      if (Chars.isToken(after)
          || ((after == '.' || after == '-' || after == '/')
              && runEnd + 1 < n
              && Chars.isLetter(text.charAt(runEnd + 1)))) {
        run.count--;
      }
    }
    int g = 0;
    while (g < run.count) {
      int consumed = classify(text, run, g, sink);
      g += consumed > 0 ? consumed : 1;
    }
    return runEnd;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
  }

  private static int parse(CharSequence text, int position, Run run) {
    int n = text.length();
    int i = position;
    if (text.charAt(i) == '+') {
      run.plus = true;
      i++;
    }
    int runEnd = i;
    char sep = 0;
    while (run.count < MAX_GROUPS) {
      boolean paren = false;
      int groupStart = i;
      if (i < n && text.charAt(i) == '(') {
        paren = true;
        groupStart = ++i;
      }
      while (i < n && Chars.isDigit(text.charAt(i))) {
        i++;
      }
      if (i == groupStart) {
        break;
      }
      int groupEnd = i;
      if (paren) {
        if (i < n && text.charAt(i) == ')' && groupEnd - groupStart <= 5) {
          i++;
        } else {
          paren = false;
        }
      }
      int g = run.count++;
      run.start[g] = groupStart;
      run.end[g] = groupEnd;
      run.sep[g] = sep;
      run.paren[g] = paren;
      runEnd = i;
      if (i + 1 >= n) {
        break;
      }
      char c = text.charAt(i);
      char next = text.charAt(i + 1);
      if (paren && Chars.isDigit(c)) {
        sep = 0;
      } else if ((c == ' ' || c == '-' || c == '.' || c == '/')
          && (Chars.isDigit(next) || (c == ' ' && next == '(' && run.count == 1 && run.plus))) {
        sep = c;
        i++;
      } else {
        break;
      }
    }
    return runEnd;
  }

  private static int classify(CharSequence text, Run run, int g, FindingSink sink) {
    int consumed = ipv4(text, run, g, sink);
    if (consumed == 0) {
      consumed = card(text, run, g, sink);
    }
    if (consumed == 0) {
      consumed = ssn(text, run, g, sink);
    }
    if (consumed == 0) {
      consumed = phone(text, run, g, sink);
    }
    if (consumed == 0) {
      consumed = dateOfBirth(text, run, g, sink);
    }
    if (consumed == 0) {
      consumed = recordNumber(text, run, g, sink);
    }
    return consumed;
  }

  private static boolean plain(Run run, int from, int to) {
    for (int g = from; g <= to; g++) {
      if (run.paren[g]) {
        return false;
      }
    }
    return true;
  }

  private static int ipv4(CharSequence text, Run run, int g, FindingSink sink) {
    if (g + 3 >= run.count || (run.plus && g == 0) || !plain(run, g, g + 3)) {
      return 0;
    }
    if (run.sep[g] == '.' || (g + 4 < run.count && run.sep[g + 4] == '.')) {
      return 0;
    }
    for (int k = g; k <= g + 3; k++) {
      if ((k > g && run.sep[k] != '.') || run.length(k) > 3 || run.value(text, k) > 255) {
        return 0;
      }
    }
    int start = run.start[g];
    int end = run.end[g + 3];
    if (end < text.length()
        && text.charAt(end) == '.'
        && end + 1 < text.length()
        && Chars.isAlnum(text.charAt(end + 1))) {
      return 0;
    }
    double confidence = NOT_AN_ADDRESS.before(text, start, 24) ? 0.3 : 0.85;
    sink.report(DetectorTypes.IP_ADDRESS, start, end, confidence);
    return 4;
  }

  /** End of a dotted-quad IPv4 address starting at {@code from}, or -1. */
  static int ipv4End(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    for (int part = 0; part < 4; part++) {
      int s = i;
      int v = 0;
      while (i < n && i - s < 4 && Chars.isDigit(text.charAt(i))) {
        v = v * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == s || i - s > 3 || v > 255) {
        return -1;
      }
      if (part < 3) {
        if (i >= n || text.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i;
  }

  private static int card(CharSequence text, Run run, int g, FindingSink sink) {
    if ((run.plus && g == 0) || run.paren[g]) {
      return 0;
    }
    int best = -1;
    int total = 0;
    char sep = 0;
    for (int k = g; k < run.count && k < g + 8; k++) {
      int length = run.length(k);
      if (k > g) {
        if (run.paren[k] || length < 3 || length > 6 || run.length(g) != 4) {
          break;
        }
        char s = run.sep[k];
        if (s != ' ' && s != '-') {
          break;
        }
        if (k == g + 1) {
          sep = s;
        } else if (s != sep) {
          break;
        }
      }
      total += length;
      if (total > 19) {
        break;
      }
      if (total >= 13) {
        best = k;
      }
    }
    if (best < 0) {
      return 0;
    }
    char issuer = text.charAt(run.start[g]);
    if (issuer < '2' || issuer > '6') {
      return 0;
    }
    for (int k = best; k >= g; k--) {
      int digits = 0;
      for (int j = g; j <= k; j++) {
        digits += run.length(j);
      }
      if (digits < 13) {
        break;
      }
      if (Checksums.luhn(text, run.start[g], run.end[k])) {
        int start = run.start[g];
        double confidence = CARD_CONTEXT.before(text, start, CONTEXT_WINDOW) ? 1.0 : 0.9;
        sink.report(DetectorTypes.CREDIT_CARD, start, run.end[k], confidence);
        return k - g + 1;
      }
    }
    return 0;
  }

  private static boolean validSsn(int area, int group, int serial) {
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private static int ssn(CharSequence text, Run run, int g, FindingSink sink) {
    if (run.plus && g == 0) {
      return 0;
    }
    if (g + 2 < run.count
        && plain(run, g, g + 2)
        && run.length(g) == 3
        && run.length(g + 1) == 2
        && run.length(g + 2) == 4
        && (run.sep[g + 1] == '-' || run.sep[g + 1] == ' ')
        && run.sep[g + 2] == run.sep[g + 1]
        && !(g + 3 < run.count && run.sep[g + 3] == run.sep[g + 1])
        && !(g > 0 && run.sep[g] == run.sep[g + 1])) {
      if (!validSsn(run.value(text, g), run.value(text, g + 1), run.value(text, g + 2))) {
        return 0;
      }
      int start = run.start[g];
      boolean context = SSN_CONTEXT.before(text, start, CONTEXT_WINDOW);
      double confidence = run.sep[g + 1] == '-' ? (context ? 0.95 : 0.85) : (context ? 0.85 : 0.45);
      sink.report(DetectorTypes.US_SSN, start, run.end[g + 2], confidence);
      return 3;
    }
    if (isolated(run, g) && run.length(g) == 9) {
      int s = run.start[g];
      int v = run.value(text, g);
      if (validSsn(v / 1_000_000, (v / 10_000) % 100, v % 10_000)
          && SSN_CONTEXT.before(text, s, CONTEXT_WINDOW)) {
        sink.report(DetectorTypes.US_SSN, s, run.end[g], 0.8);
        return 1;
      }
    }
    return 0;
  }

  private static boolean isolated(Run run, int g) {
    return run.count == 1 && !run.plus && !run.paren[g];
  }

  private static int phone(CharSequence text, Run run, int g, FindingSink sink) {
    if (run.plus) {
      if (g != 0 || text.charAt(run.start[0]) == '0') {
        return 0;
      }
      int total = 0;
      int last = -1;
      for (int k = 0; k < run.count; k++) {
        if (total + run.length(k) > 15) {
          break;
        }
        total += run.length(k);
        last = k;
      }
      if (total < 8 || last < 0) {
        return 0;
      }
      int start = run.start[0] - 1;
      double confidence = PHONE_CONTEXT.before(text, start, CONTEXT_WINDOW) ? 0.95 : 0.8;
      sink.report(DetectorTypes.PHONE, start, run.end[last], confidence);
      return last + 1;
    }
    int k = g;
    if (run.length(k) == 1
        && text.charAt(run.start[k]) == '1'
        && k + 3 < run.count
        && !run.paren[k]
        && run.sep[k + 1] != 0) {
      if (nanp(run, k + 1, text)) {
        return reportNanp(text, run, k, k + 3, sink);
      }
    }
    if (nanp(run, k, text)) {
      return reportNanp(text, run, k, k + 2, sink);
    }
    // National numbers with a trunk prefix: 020 7946 0958, 07700 900123, 06 12 34 56 78.
    if (!run.paren[g]
        && text.charAt(run.start[g]) == '0'
        && run.length(g) >= 2
        && run.length(g) <= 5
        && g + 1 < run.count) {
      char sep = run.sep[g + 1];
      if (sep == ' ' || sep == '-') {
        int total = 0;
        int last = -1;
        for (int j = g; j < run.count && j < g + 5; j++) {
          if (run.paren[j] || run.length(j) < 2 || (j > g && run.sep[j] != sep)) {
            break;
          }
          total += run.length(j);
          last = j;
        }
        if (last > g
            && total >= 10
            && total <= 11
            && !(last + 1 < run.count && run.sep[last + 1] == sep)) {
          int start = run.start[g];
          double confidence = PHONE_CONTEXT.before(text, start, CONTEXT_WINDOW) ? 0.85 : 0.55;
          sink.report(DetectorTypes.PHONE, start, run.end[last], confidence);
          return last - g + 1;
        }
      }
    }
    if (isolated(run, g)
        && (run.length(g) == 10 || run.length(g) == 11)
        && PHONE_CONTEXT.before(text, run.start[g], CONTEXT_WINDOW)) {
      sink.report(DetectorTypes.PHONE, run.start[g], run.end[g], 0.6);
      return 1;
    }
    return 0;
  }

  private static boolean nanp(Run run, int k, CharSequence text) {
    if (k + 2 >= run.count
        || run.length(k) != 3
        || run.length(k + 1) != 3
        || run.length(k + 2) != 4
        || run.paren[k + 1]
        || run.paren[k + 2]) {
      return false;
    }
    char area = text.charAt(run.start[k]);
    if (area < '2') {
      return false;
    }
    char s1 = run.sep[k + 1];
    char s2 = run.sep[k + 2];
    if (run.paren[k]) {
      if (!(s1 == 0 || s1 == ' ' || s1 == '-' || s1 == '.')
          || !(s2 == '-' || s2 == '.' || s2 == ' ')) {
        return false;
      }
    } else if (!(s1 == s2 && (s1 == '-' || s1 == '.' || s1 == ' '))) {
      return false;
    }
    return !(k + 3 < run.count && run.sep[k + 3] == s2);
  }

  private static int reportNanp(CharSequence text, Run run, int from, int to, FindingSink sink) {
    int start = run.paren[from] ? run.start[from] - 1 : run.start[from];
    int paren = run.paren[from] ? from : from + 1;
    boolean context = PHONE_CONTEXT.before(text, start, CONTEXT_WINDOW);
    char sep = run.sep[to];
    double confidence;
    if (run.paren[paren] || run.paren[from] || sep == '-') {
      confidence = context ? 0.95 : 0.75;
    } else if (sep == '.') {
      confidence = context ? 0.9 : 0.6;
    } else {
      confidence = context ? 0.85 : 0.45;
    }
    sink.report(DetectorTypes.PHONE, start, run.end[to], confidence);
    return to - from + 1;
  }

  private static int dateOfBirth(CharSequence text, Run run, int g, FindingSink sink) {
    if (g + 2 >= run.count || !plain(run, g, g + 2) || (run.plus && g == 0)) {
      return 0;
    }
    char sep = run.sep[g + 1];
    if (!(sep == '-' || sep == '/' || sep == '.') || run.sep[g + 2] != sep) {
      return 0;
    }
    if (g + 3 < run.count && run.sep[g + 3] == sep) {
      return 0;
    }
    int a = run.value(text, g);
    int b = run.value(text, g + 1);
    int c = run.value(text, g + 2);
    boolean valid;
    if (run.length(g) == 4 && run.length(g + 1) <= 2 && run.length(g + 2) <= 2) {
      valid = year(a) && month(b) && day(c);
    } else if (run.length(g) <= 2 && run.length(g + 1) <= 2 && run.length(g + 2) == 4) {
      valid = year(c) && ((month(a) && day(b)) || (day(a) && month(b)));
    } else {
      valid = false;
    }
    if (!valid || !BIRTH_CONTEXT.before(text, run.start[g], CONTEXT_WINDOW)) {
      return 0;
    }
    sink.report(DetectorTypes.DATE_OF_BIRTH, run.start[g], run.end[g + 2], 0.85);
    return 3;
  }

  private static boolean year(int y) {
    return y >= 1900 && y <= 2099;
  }

  private static boolean month(int m) {
    return m >= 1 && m <= 12;
  }

  private static boolean day(int d) {
    return d >= 1 && d <= 31;
  }

  private static int recordNumber(CharSequence text, Run run, int g, FindingSink sink) {
    int length = run.length(g);
    if (run.paren[g] || (run.plus && g == 0) || length < 6 || length > 10) {
      return 0;
    }
    if ((g + 1 < run.count && run.sep[g + 1] != 0 && run.sep[g + 1] != ' ')
        || (g > 0 && run.sep[g] != ' ')) {
      return 0;
    }
    if (!MRN_CONTEXT.before(text, run.start[g], CONTEXT_WINDOW)) {
      return 0;
    }
    sink.report(DetectorTypes.MEDICAL_RECORD_NUMBER, run.start[g], run.end[g], 0.8);
    return 1;
  }
}
