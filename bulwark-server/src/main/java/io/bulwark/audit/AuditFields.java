package io.bulwark.audit;

import io.bulwark.platform.problem.InvalidFieldException;
import org.jspecify.annotations.Nullable;

/** Shared rules for the text fields of audit events; reasons never echo the value. */
final class AuditFields {

  private AuditFields() {}

  static String required(@Nullable String value, String field, int maxLength) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    return optional(value, field, maxLength);
  }

  static @Nullable String optional(@Nullable String value, String field, int maxLength) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > maxLength) {
      throw new InvalidFieldException(field, "must be 1 to " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidFieldException(field, "must not contain control characters");
      }
    }
    return value;
  }
}
