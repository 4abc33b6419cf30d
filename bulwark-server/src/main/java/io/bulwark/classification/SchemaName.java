package io.bulwark.classification;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * The name of a record type in a tenant's data schemas: lower-case letters, digits, {@code _} and
 * {@code -}, 1 to 63 characters, starting with a letter. It appears in API paths.
 *
 * @param value the name
 */
public record SchemaName(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public SchemaName {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidFieldException(
          "name", "must match ^[a-z][a-z0-9_-]{0,62}$ (lower-case letters, digits, _ and -)");
    }
  }

  /**
   * @param text a candidate name
   * @return whether it is well-formed
   */
  public static boolean isValid(String text) {
    return FORMAT.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
