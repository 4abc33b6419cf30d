package io.bulwark.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a retention rule or a legal hold may look at before an entry's body is pruned: the filter
 * columns of a stored entry and its classification. The actor and resource ids may be personal
 * data, so {@link #toString()} omits them.
 *
 * @param index the entry's position in the log
 * @param eventId the event's id
 * @param occurredAt the producer's timestamp (client-provided, never used to decide retention)
 * @param recordedAt when the log recorded it (the server's clock: retention counts from here)
 * @param category the event's category
 * @param action the event's action
 * @param actorType {@code user}, {@code service} or {@code system}
 * @param actorId the actor's id, when the event names one
 * @param resourceType the resource's type, when there is one
 * @param resourceId the resource's id, when there is one
 * @param classification the tier of the data the action touched, when given
 */
public record AuditEntrySummary(
    long index,
    UUID eventId,
    Instant occurredAt,
    Instant recordedAt,
    AuditCategory category,
    String action,
    AuditActor.Type actorType,
    @Nullable String actorId,
    @Nullable String resourceType,
    @Nullable String resourceId,
    @Nullable AuditClassification classification) {

  public AuditEntrySummary {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorType, "actorType");
  }

  @Override
  public String toString() {
    return "AuditEntrySummary[index=" + index + ", action=" + action + "]";
  }
}
