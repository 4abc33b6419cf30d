package io.bulwark.classification;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One classified field of a record type.
 *
 * @param path the field's dotted path from the record's root ({@code address.postcode}); array
 *     elements add no segment, so {@code contacts.email} covers every element of {@code contacts}
 * @param tier the field's classification; it also covers everything nested under the field
 */
public record SchemaField(String path, ClassificationTier tier) {

  static final int MAX_PATH_LENGTH = 256;
  private static final Pattern PATH =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*(\\.[A-Za-z_$][A-Za-z0-9_$-]*)*");

  public SchemaField {
    if (path == null || path.isEmpty()) {
      throw new InvalidFieldException("path", "is required");
    }
    if (path.length() > MAX_PATH_LENGTH || !PATH.matcher(path).matches()) {
      throw new InvalidFieldException(
          "path",
          "must be dotted field names (letters, digits, _, $ and -, not starting with a digit),"
              + " at most "
              + MAX_PATH_LENGTH
              + " characters");
    }
    Objects.requireNonNull(tier, "tier");
  }
}
