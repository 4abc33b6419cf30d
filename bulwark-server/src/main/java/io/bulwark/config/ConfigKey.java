package io.bulwark.config;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name of a setting or a feature flag: 1 to 128 characters of lower-case letters, digits,
 * {@code .}, {@code _} and {@code -}, starting with a letter or digit, such as {@code
 * checkout.session-timeout}.
 *
 * @param value the key
 */
public record ConfigKey(String value) {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  public ConfigKey {
    if (value == null || !KEY.matcher(value).matches()) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "A key is 1 to 128 characters of a-z, 0-9, '.', '_', '-', starting with a letter or"
              + " digit",
          Map.of("parameter", "key"));
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
