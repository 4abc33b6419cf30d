package io.bulwark.benchmarks.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usual way to redact logs: one precompiled {@code java.util.regex} pattern per type, applied
 * with {@code replaceAll} one after the other. Same types as the default redactor, but without
 * checksums (Luhn, mod-97) or context scoring: those would only make it slower. Tuned: no
 * variable-length look-behind (prefix groups instead), possessive quantifiers where a match cannot
 * give characters back.
 */
final class RegexBaseline {

  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES =
      List.of(
          rule(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----",
              "PRIVATE_KEY"),
          rule("(://)[^/\\s:@]++:[^/\\s@]++@", "$1", "URL_CREDENTIALS", "@"),
          rule("\\beyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]*+", "JWT"),
          rule("(?i)\\b((?:bearer|basic) )[A-Za-z0-9._~+/-]{8,}+=*+", "$1", "AUTH_HEADER", ""),
          rule(
              "\\b(?:(?:AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,}+|glpat-[A-Za-z0-9_-]{20,}+"
                  + "|xox[baprs]-[A-Za-z0-9-]{10,}+|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}+|AIza[A-Za-z0-9_-]{35})\\b",
              "API_KEY"),
          rule(
              "(?i)\\b((?:password|passwd|pwd|secret|token|api_key|apikey|api-key)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)[^\\s\"'&,;]++",
              "$1",
              "PASSWORD",
              ""),
          rule("\\b[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9.-]++\\.[A-Za-z]{2,24}\\b", "EMAIL"),
          rule("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", "IBAN"),
          rule("\\b(?:\\d[ -]?){12,18}\\d\\b", "CREDIT_CARD"),
          rule("\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b", "US_SSN"),
          rule(
              "(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{3}\\)|\\b\\d{3})[ .-]\\d{3}[ .-]\\d{4}\\b", "PHONE"),
          rule(
              "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b",
              "IP_ADDRESS"),
          rule(
              "\\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\\b|\\b(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4})?\\b",
              "IP_ADDRESS"),
          rule("\\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\\b", "MAC_ADDRESS"),
          rule(
              "(?i)\\b((?:dob|birth\\w*+|born)\\W{1,20}+)\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}",
              "$1",
              "DATE_OF_BIRTH",
              ""),
          rule("(?i)\\b(mrn\\W{1,3}+)[A-Z0-9-]{5,20}+", "$1", "MEDICAL_RECORD_NUMBER", ""));

  private static Rule rule(String regex, String type) {
    return new Rule(Pattern.compile(regex), Matcher.quoteReplacement("[REDACTED:" + type + "]"));
  }

  private static Rule rule(String regex, String group, String type, String suffix) {
    return new Rule(
        Pattern.compile(regex),
        group + Matcher.quoteReplacement("[REDACTED:" + type + "]" + suffix));
  }

  private RegexBaseline() {}

  static String redact(String line) {
    String result = line;
    for (Rule rule : RULES) {
      result = rule.pattern.matcher(result).replaceAll(rule.replacement);
    }
    return result;
  }
}
