package io.bulwark.audit;

import java.util.Locale;
import java.util.Optional;

/** What kind of activity an audit event records. */
public enum AuditCategory {
  AUTHENTICATION,
  AUTHORIZATION,
  DATA_ACCESS,
  CONFIGURATION,
  ADMINISTRATION,
  PRIVACY,
  SECURITY,
  SYSTEM;

  // Computed once: the ingest path asks for it several times per event.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /**
   * @return the name used in JSON and queries, such as {@code data_access}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @param wireName a name as {@link #wireName()} writes it
   * @return the category, if the name is one
   */
  public static Optional<AuditCategory> fromWireName(String wireName) {
    for (AuditCategory category : values()) {
      if (category.wireName().equals(wireName)) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }
}
