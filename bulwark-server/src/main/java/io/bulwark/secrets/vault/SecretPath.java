package io.bulwark.secrets.vault;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a secret lives in its tenant: 1 to {@value #MAX_DEPTH} segments of {@code [A-Za-z0-9._-]},
 * separated by {@code /}, such as {@code payments/stripe/api-key}. The segments {@code .} and
 * {@code ..} are rejected, so a path never means anything but itself.
 *
 * @param value the path, without leading or trailing slash
 */
public record SecretPath(String value) implements Comparable<SecretPath> {

  /** The most segments a path may have. */
  public static final int MAX_DEPTH = 8;

  /** The longest a path may be, in characters. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public SecretPath {
    if (value == null || value.isEmpty()) {
      throw invalid("The secret path is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid("The secret path is longer than " + MAX_LENGTH + " characters");
    }
    String[] segments = value.split("/", -1);
    if (segments.length > MAX_DEPTH) {
      throw invalid("The secret path has more than " + MAX_DEPTH + " segments");
    }
    for (String segment : segments) {
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid("The secret path must not contain '.' or '..' segments");
      }
      if (!SEGMENT.matcher(segment).matches()) {
        throw invalid(
            "Each segment of the secret path must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_'"
                + " or '-'");
      }
    }
  }

  /**
   * @param prefix a list prefix as a caller sent it, possibly empty or ending in {@code /}
   * @return the prefix, checked to use only the characters a path may hold
   * @throws ApiProblem 400 {@code invalid-parameter} naming {@code prefix}
   */
  public static String checkPrefix(String prefix) {
    if (prefix.length() > MAX_LENGTH || !prefix.matches("[A-Za-z0-9._/-]*")) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'prefix' must be at most "
              + MAX_LENGTH
              + " characters of A-Z, a-z, 0-9, '.', '_', '-' or '/'",
          Map.of("parameter", "prefix"));
    }
    return prefix;
  }

  private static ApiProblem invalid(String reason) {
    return new ApiProblem(ProblemType.INVALID_PARAMETER, reason, Map.of("parameter", "path"));
  }

  @Override
  public int compareTo(SecretPath other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
