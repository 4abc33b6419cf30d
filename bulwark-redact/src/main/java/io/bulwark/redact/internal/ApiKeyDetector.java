package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code API_KEY}: provider credentials with a documented, recognisable prefix and body (AWS access
 * key ids, GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, npm, SendGrid, Hugging Face,
 * Twilio, Shopify, DigitalOcean, PyPI, Square). The body must have the provider's alphabet and
 * length and must not be a low-variety placeholder such as {@code ghp_xxxx...}.
 */
public final class ApiKeyDetector implements Detector {

  private enum Alphabet {
    UPPER_DIGIT,
    ALNUM,
    ALNUM_UNDERSCORE,
    BASE64URL,
    BASE64URL_DOT,
    SLACK,
    PATH,
    HEX;

    boolean accepts(char c) {
      return switch (this) {
        case UPPER_DIGIT -> Chars.isUpper(c) || Chars.isDigit(c);
        case ALNUM -> Chars.isAlnum(c);
        case ALNUM_UNDERSCORE -> Chars.isToken(c);
        case BASE64URL -> Chars.isBase64Url(c);
        case BASE64URL_DOT -> Chars.isBase64Url(c) || c == '.';
        case SLACK -> Chars.isAlnum(c) || c == '-';
        case PATH -> Chars.isAlnum(c) || c == '/';
        case HEX -> Chars.isDigit(c) || (c >= 'a' && c <= 'f');
      };
    }
  }

  /** One provider key format: literal prefix, body alphabet and body length range. */
  private record Format(String prefix, Alphabet alphabet, int minBody, int maxBody) {}

  private static final List<Format> FORMATS = formats();

  private static List<Format> formats() {
    var list = new ArrayList<Format>();
    for (String aws :
        List.of(
            "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA",
            "APKA")) {
      list.add(new Format(aws, Alphabet.UPPER_DIGIT, 16, 16));
    }
    list.add(new Format("AIza", Alphabet.BASE64URL, 35, 35));
    for (String gh : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
      list.add(new Format(gh, Alphabet.ALNUM, 36, 251));
    }
    list.add(new Format("github_pat_", Alphabet.ALNUM_UNDERSCORE, 22, 244));
    for (String gl : List.of("glpat-", "glptt-", "gldt-", "glrt-", "glsoat-", "glffct-")) {
      list.add(new Format(gl, Alphabet.BASE64URL, 20, 64));
    }
    for (String slack : List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-")) {
      list.add(new Format(slack, Alphabet.SLACK, 10, 255));
    }
    list.add(new Format("hooks.slack.com/services/", Alphabet.PATH, 20, 120));
    for (String stripe : List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_")) {
      list.add(new Format(stripe, Alphabet.ALNUM, 16, 255));
    }
    list.add(new Format("sk-proj-", Alphabet.BASE64URL, 20, 255));
    list.add(new Format("sk-svcacct-", Alphabet.BASE64URL, 20, 255));
    list.add(new Format("sk-admin-", Alphabet.BASE64URL, 20, 255));
    list.add(new Format("sk-ant-", Alphabet.BASE64URL, 20, 255));
    list.add(new Format("sk-", Alphabet.ALNUM, 32, 64));
    list.add(new Format("npm_", Alphabet.ALNUM, 36, 36));
    list.add(new Format("SG.", Alphabet.BASE64URL_DOT, 60, 70));
    list.add(new Format("hf_", Alphabet.ALNUM, 30, 40));
    list.add(new Format("SK", Alphabet.HEX, 32, 32));
    for (String shopify : List.of("shpat_", "shpss_", "shpca_", "shppa_")) {
      list.add(new Format(shopify, Alphabet.HEX, 32, 32));
    }
    list.add(new Format("dop_v1_", Alphabet.HEX, 64, 64));
    list.add(new Format("doo_v1_", Alphabet.HEX, 64, 64));
    list.add(new Format("pypi-AgEIcHlwaS5vcmc", Alphabet.BASE64URL, 50, 255));
    list.add(new Format("sq0atp-", Alphabet.BASE64URL, 22, 60));
    list.add(new Format("sq0csp-", Alphabet.BASE64URL, 40, 60));
    return List.copyOf(list);
  }

  @Override
  public Set<String> types() {
    return Set.of(DetectorTypes.API_KEY);
  }

  @Override
  public List<Trigger> triggers() {
    return FORMATS.stream().map(f -> Trigger.prefix(f.prefix())).distinct().toList();
  }

  @Override
  public int detect(CharSequence text, int start, FindingSink sink) {
    int n = text.length();
    for (Format format : FORMATS) {
      if (!Chars.startsWith(text, start, format.prefix, false)) {
        continue;
      }
      int bodyStart = start + format.prefix.length();
      int limit = Math.min(n, bodyStart + format.maxBody + 1);
      int end = bodyStart;
      while (end < limit && format.alphabet.accepts(text.charAt(end))) {
        end++;
      }
      int body = end - bodyStart;
      if (body < format.minBody || body > format.maxBody) {
        continue;
      }
      if (end < n
          && (Chars.isToken(text.charAt(end)) || format.alphabet.accepts(text.charAt(end)))) {
        continue;
      }
      if (!varied(text, bodyStart, end)) {
        continue;
      }
      sink.report(DetectorTypes.API_KEY, start, end, 0.97);
      return end;
    }
    return -1;
  }

  /** Rejects placeholders: a real key body uses many distinct characters. */
  static boolean varied(CharSequence text, int from, int to) {
    long seen0 = 0;
    long seen1 = 0;
    int distinct = 0;
    int needed = Math.min(8, Math.max(4, (to - from) / 3));
    for (int i = from; i < to && distinct < needed; i++) {
      char c = text.charAt(i);
      if (c < 64) {
        long bit = 1L << c;
        if ((seen0 & bit) == 0) {
          seen0 |= bit;
          distinct++;
        }
      } else if (c < 128) {
        long bit = 1L << (c - 64);
        if ((seen1 & bit) == 0) {
          seen1 |= bit;
          distinct++;
        }
      }
    }
    return distinct >= needed;
  }
}
