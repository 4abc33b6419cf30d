package io.bulwark.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * Where an event stands in its tenant's log once the append committed.
 *
 * @param id the event's identity
 * @param index its position in the log (RFC 9162 leaf index)
 * @param duplicate whether the log already held an event with this id, whose index this is
 */
public record AuditReceipt(UUID id, long index, boolean duplicate) {

  public AuditReceipt {
    Objects.requireNonNull(id, "id");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
  }
}
