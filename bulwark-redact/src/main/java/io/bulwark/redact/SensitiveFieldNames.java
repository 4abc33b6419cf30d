package io.bulwark.redact;

import io.bulwark.redact.internal.AssignmentDetector;
import java.util.Optional;

/**
 * Recognises field names whose values are secrets whatever they look like ({@code password}, {@code
 * client_secret}, {@code apiKey}, {@code authorization}, …), with the keyword rules the {@link
 * DetectorTypes#PASSWORD} detector applies to assignments in text. Structured redaction (JSON
 * fields, audit details) masks such a field's value whole.
 */
public final class SensitiveFieldNames {

  private SensitiveFieldNames() {}

  /**
   * @param name a field name, in any case and with {@code _}, {@code -} or camelCase separators
   * @return the detector type under which the field's value is masked, or empty when the name is
   *     not a sensitive key
   */
  public static Optional<String> typeOf(String name) {
    return Optional.ofNullable(AssignmentDetector.typeOfFieldName(name));
  }
}
