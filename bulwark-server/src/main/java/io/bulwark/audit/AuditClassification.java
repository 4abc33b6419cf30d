package io.bulwark.audit;

import java.util.Locale;
import java.util.Optional;

/** The classification tier of the data an audited action touched (compliance blueprints). */
public enum AuditClassification {
  PUBLIC,
  INTERNAL,
  CUSTOMER_NON_SENSITIVE,
  CUSTOMER_SENSITIVE,
  CUSTOMER_HIGHLY_SENSITIVE;

  // Computed once: the ingest path asks for it several times per event.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /**
   * @return the name used in JSON
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @param wireName a name as {@link #wireName()} writes it
   * @return the tier, if the name is one
   */
  public static Optional<AuditClassification> fromWireName(String wireName) {
    for (AuditClassification tier : values()) {
      if (tier.wireName().equals(wireName)) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }
}
