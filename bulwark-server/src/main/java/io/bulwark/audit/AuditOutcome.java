package io.bulwark.audit;

import java.util.Locale;
import java.util.Optional;

/** How the audited action ended. */
public enum AuditOutcome {
  SUCCESS,
  FAILURE,
  /** Refused by an access decision. */
  DENIED;

  // Computed once: the ingest path asks for it several times per event.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /**
   * @return the name used in JSON and queries
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @param wireName a name as {@link #wireName()} writes it
   * @return the outcome, if the name is one
   */
  public static Optional<AuditOutcome> fromWireName(String wireName) {
    for (AuditOutcome outcome : values()) {
      if (outcome.wireName().equals(wireName)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
