package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Values of sensitive assignments in text, JSON, query strings, headers and config files: {@code
 * password=...}, {@code "client_secret": "..."}, {@code X-Api-Key: ...}, {@code &access_token=...}.
 *
 * <ul>
 *   <li>{@code PASSWORD} for password, secret, token and API-key keys;
 *   <li>{@code API_KEY} for AWS secret access keys (40 base64 characters under a {@code
 *       secret_access_key} style key);
 *   <li>{@code AUTH_HEADER} for {@code Authorization:} values (the credentials after the scheme);
 *   <li>{@code MEDICAL_RECORD_NUMBER} for {@code mrn:} style keys.
 * </ul>
 *
 * Placeholders ({@code ${DB_PASSWORD}}, {@code <secret>}, {@code null}, {@code ****}, already
 * redacted values) and code ({@code password = getPassword();}) are not reported.
 */
public final class AssignmentDetector implements Detector {

  static final List<String> KEYWORDS =
      List.of(
          "password",
          "passwd",
          "pwd",
          "pass",
          "passphrase",
          "secret",
          "token",
          "api_key",
          "apikey",
          "api-key",
          "access_key",
          "accesskey",
          "secret_key",
          "secretkey",
          "private_key",
          "privatekey",
          "authorization",
          "mrn",
          "medical_record_number",
          "medicalrecordnumber",
          "medical-record-number");

  private static final List<Detector> SPECIFIC =
      List.of(new JwtDetector(), new ApiKeyDetector(), new PrivateKeyDetector());

  @Override
  public Set<String> types() {
    return Set.of(
        DetectorTypes.PASSWORD,
        DetectorTypes.API_KEY,
        DetectorTypes.AUTH_HEADER,
        DetectorTypes.MEDICAL_RECORD_NUMBER,
        DetectorTypes.JWT,
        DetectorTypes.PRIVATE_KEY);
  }

  @Override
  public List<Trigger> triggers() {
    return List.of(Trigger.assignmentKey(KEYWORDS));
  }

  @Override
  public int detect(CharSequence text, int keyStart, FindingSink sink) {
    int n = text.length();
    int keyEnd = keyStart;
    while (keyEnd < n) {
      char c = text.charAt(keyEnd);
      if (Chars.isToken(c) || c == '-' || c == '.') {
        keyEnd++;
      } else {
        break;
      }
    }
    while (keyEnd > keyStart && !Chars.isAlnum(text.charAt(keyEnd - 1))) {
      keyEnd--;
    }
    String type = typeOfKey(text, keyStart, keyEnd);
    int i = keyEnd;
    if (i < n && text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
      i += 2;
    } else if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    }
    i = skipSpaces(text, i);
    if (i >= n || (text.charAt(i) != '=' && text.charAt(i) != ':')) {
      return -1;
    }
    i++;
    if (i < n && (text.charAt(i) == '>' || text.charAt(i) == '=')) {
      i++;
    }
    i = skipSpaces(text, i);
    if (i >= n) {
      return -1;
    }
    int valueStart;
    int valueEnd;
    int resume;
    char open = text.charAt(i);
    if (open == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
      valueStart = i + 2;
      valueEnd = valueStart;
      while (valueEnd < n
          && !(text.charAt(valueEnd) == '\\'
              && valueEnd + 1 < n
              && text.charAt(valueEnd + 1) == '"')) {
        valueEnd += text.charAt(valueEnd) == '\\' ? 2 : 1;
      }
      valueEnd = Math.min(valueEnd, n);
      resume = Math.min(n, valueEnd + 2);
    } else if (open == '"' || open == '\'') {
      valueStart = i + 1;
      valueEnd = valueStart;
      while (valueEnd < n && text.charAt(valueEnd) != open && text.charAt(valueEnd) != '\n') {
        valueEnd += text.charAt(valueEnd) == '\\' ? 2 : 1;
      }
      valueEnd = Math.min(valueEnd, n);
      resume = Math.min(n, valueEnd + 1);
    } else {
      valueStart = i;
      valueEnd = bareValueEnd(text, i);
      resume = valueEnd;
      if (valueEnd < n && text.charAt(valueEnd) == '(') {
        return -1;
      }
    }
    if (DetectorTypes.AUTH_HEADER.equals(type)) {
      return authorization(
          text, valueStart, valueEnd, open == '"' || open == '\'' || open == '\\', resume, sink);
    }
    if (valueEnd <= valueStart || isPlaceholder(text, valueStart, valueEnd)) {
      return -1;
    }
    for (Detector specific : SPECIFIC) {
      // a JWT or provider key under "token=" is reported as what it is
      int end = specific.detect(text, valueStart, sink);
      if (end > valueStart) {
        return Math.max(end, resume);
      }
    }
    switch (type) {
      case DetectorTypes.MEDICAL_RECORD_NUMBER -> {
        if (!looksLikeRecordNumber(text, valueStart, valueEnd)) {
          return -1;
        }
        sink.report(type, valueStart, valueEnd, 0.85);
      }
      case DetectorTypes.API_KEY -> {
        boolean aws = valueEnd - valueStart == 40 && isBase64(text, valueStart, valueEnd);
        sink.report(
            aws ? DetectorTypes.API_KEY : DetectorTypes.PASSWORD, valueStart, valueEnd, 0.9);
      }
      default -> sink.report(DetectorTypes.PASSWORD, valueStart, valueEnd, 0.9);
    }
    return resume;
  }

  private static int authorization(
      CharSequence text,
      int valueStart,
      int valueEnd,
      boolean quoted,
      int resume,
      FindingSink sink) {
    int n = text.length();
    int wordEnd = valueStart;
    while (wordEnd < n && wordEnd - valueStart <= 24 && Chars.isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    int credentialsStart = valueStart;
    int end = valueEnd;
    if (wordEnd > valueStart && wordEnd < n && text.charAt(wordEnd) == ' ') {
      credentialsStart = skipSpaces(text, wordEnd);
      String scheme = text.subSequence(valueStart, wordEnd).toString().toLowerCase(Locale.ROOT);
      if (scheme.equals("bearer") || scheme.equals("basic") || scheme.equals("token")) {
        end = AuthHeaderDetector.credentialsEnd(text, credentialsStart);
      } else if (!quoted) {
        end = credentialsStart;
        while (end < n
            && text.charAt(end) != '\n'
            && text.charAt(end) != '\r'
            && text.charAt(end) != '"') {
          end++;
        }
      }
    }
    if (end - credentialsStart < 4 || isPlaceholder(text, credentialsStart, end)) {
      return -1;
    }
    sink.report(DetectorTypes.AUTH_HEADER, credentialsStart, end, 0.95);
    return Math.max(resume, end);
  }

  /**
   * The type under which a structured field called {@code name} is masked as a whole, or {@code
   * null} when the name is not a sensitive key (same keyword rules as assignments in text).
   */
  public static @Nullable String typeOfFieldName(String name) {
    int length = name.length();
    for (String keyword : KEYWORDS) {
      int kl = keyword.length();
      if (kl <= length
          && (kl >= 5 || kl == length)
          && Chars.startsWith(name, length - kl, keyword, true)) {
        return typeOfKey(name, 0, length);
      }
    }
    return null;
  }

  private static String typeOfKey(CharSequence text, int from, int to) {
    if (endsWith(text, from, to, "authorization")) {
      return DetectorTypes.AUTH_HEADER;
    }
    if (endsWith(text, from, to, "mrn")
        || endsWith(text, from, to, "record_number")
        || endsWith(text, from, to, "recordnumber")
        || endsWith(text, from, to, "record-number")) {
      return DetectorTypes.MEDICAL_RECORD_NUMBER;
    }
    if (containsIgnoreCase(text, from, to, "secret_access_key")
        || containsIgnoreCase(text, from, to, "secretaccesskey")
        || containsIgnoreCase(text, from, to, "aws_secret")) {
      return DetectorTypes.API_KEY;
    }
    return DetectorTypes.PASSWORD;
  }

  private static boolean endsWith(CharSequence text, int from, int to, String suffix) {
    return to - from >= suffix.length()
        && Chars.startsWith(text, to - suffix.length(), suffix, true);
  }

  private static boolean containsIgnoreCase(CharSequence text, int from, int to, String word) {
    for (int i = from; i + word.length() <= to; i++) {
      if (Chars.startsWith(text, i, word, true)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpaces(CharSequence text, int i) {
    int n = text.length();
    int limit = Math.min(n, i + 8);
    while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  static int bareValueEnd(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == '<'
          || c == '>' || c == ')' || c == '}' || c == ']' || c == '(') {
        break;
      }
      if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == 'n')) {
        break;
      }
      i++;
    }
    return i;
  }

  static boolean isPlaceholder(CharSequence text, int from, int to) {
    int length = to - from;
    char first = text.charAt(from);
    if (first == '$' || first == '<' || first == '%' || first == '{' || first == '[') {
      return true;
    }
    boolean same = true;
    for (int i = from + 1; i < to; i++) {
      if (Chars.lower(text.charAt(i)) != Chars.lower(first)) {
        same = false;
        break;
      }
    }
    if (same && (length >= 3 || first == '*')) {
      return true;
    }
    if (length <= 9) {
      String v = text.subSequence(from, to).toString().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "null",
            "nil",
            "none",
            "true",
            "false",
            "undefined",
            "redacted",
            "masked",
            "hidden",
            "secret",
            "password",
            "required",
            "optional",
            "string",
            "***" ->
            true;
        default -> false;
      };
    }
    return false;
  }

  private static boolean looksLikeRecordNumber(CharSequence text, int from, int to) {
    int length = to - from;
    if (length < 4 || length > 20) {
      return false;
    }
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (Chars.isDigit(c)) {
        digits++;
      } else if (!(Chars.isLetter(c) || c == '-')) {
        return false;
      }
    }
    return digits >= 4;
  }

  private static boolean isBase64(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(Chars.isAlnum(c) || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }
}
