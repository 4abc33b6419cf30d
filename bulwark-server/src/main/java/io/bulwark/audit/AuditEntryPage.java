package io.bulwark.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of a query, newest first.
 *
 * @param entries the entries, by descending index
 * @param nextBefore continue with entries below this index, when there may be more
 */
public record AuditEntryPage(List<AuditEntry> entries, OptionalLong nextBefore) {

  public AuditEntryPage {
    entries = List.copyOf(entries);
  }
}
