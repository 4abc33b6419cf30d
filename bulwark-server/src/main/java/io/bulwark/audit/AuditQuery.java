package io.bulwark.audit;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Filters of a search through a tenant's log; every filter that is set must match. Results come
 * newest first.
 *
 * @param occurredFrom events that occurred at or after this moment
 * @param occurredTo events that occurred before this moment
 * @param category of this category
 * @param action with this action
 * @param actorId by this actor
 * @param resourceType on resources of this type
 * @param resourceId on the resource with this id
 * @param outcome with this outcome
 * @param correlationId with this correlation id
 * @param breakGlass with or without break-glass access
 * @param before only entries with a smaller index (the page cursor)
 * @param limit at most this many entries, 1 to 200
 * @param hashedValue entries holding this {@code hmac-sha256:<hex>} value (see {@link
 *     AuditHashes}); found by reading the tenant's entries newest first, so narrow it with the
 *     other filters
 */
public record AuditQuery(
    @Nullable Instant occurredFrom,
    @Nullable Instant occurredTo,
    @Nullable AuditCategory category,
    @Nullable String action,
    @Nullable String actorId,
    @Nullable String resourceType,
    @Nullable String resourceId,
    @Nullable AuditOutcome outcome,
    @Nullable String correlationId,
    @Nullable Boolean breakGlass,
    @Nullable Long before,
    int limit,
    @Nullable String hashedValue) {

  /** The largest page. */
  public static final int MAX_LIMIT = 200;

  /** What a stored hash looks like. */
  public static final Pattern HASHED_VALUE = Pattern.compile("hmac-sha256:[0-9a-f]{64}");

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    if (hashedValue != null && !HASHED_VALUE.matcher(hashedValue).matches()) {
      throw new IllegalArgumentException("hashedValue must be hmac-sha256:<64 lower-case hex>");
    }
  }

  /** A query without a hashed value. */
  public AuditQuery(
      @Nullable Instant occurredFrom,
      @Nullable Instant occurredTo,
      @Nullable AuditCategory category,
      @Nullable String action,
      @Nullable String actorId,
      @Nullable String resourceType,
      @Nullable String resourceId,
      @Nullable AuditOutcome outcome,
      @Nullable String correlationId,
      @Nullable Boolean breakGlass,
      @Nullable Long before,
      int limit) {
    this(
        occurredFrom,
        occurredTo,
        category,
        action,
        actorId,
        resourceType,
        resourceId,
        outcome,
        correlationId,
        breakGlass,
        before,
        limit,
        null);
  }
}
