package io.bulwark.audit;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One audit event as a producer reports it; the ledger adds {@code recorded_at} and, unless given,
 * a UUIDv7 {@code id}. Justifications and details may hold personal data, so {@link #toString()}
 * shows neither. Timestamps are kept to the microsecond.
 *
 * @param id the event's identity; re-sending an id already in the log records nothing new
 * @param occurredAt when it happened, by the producer's clock
 * @param category what kind of activity
 * @param action what happened, dotted lower-case words such as {@code secret.read}
 * @param outcome how it ended
 * @param actor who acted
 * @param resource what was acted on
 * @param purpose why (a declared purpose of processing)
 * @param justification the actor's stated reason, for sensitive or break-glass access
 * @param breakGlass whether emergency access outside the actor's roles was used
 * @param classification the tier of the data touched
 * @param correlationId the request's correlation id
 * @param traceId the W3C trace id
 * @param details further structured data, at most {@link #MAX_DETAILS_BYTES} in canonical form
 * @param sensitive fields the producer marks sensitive, stored as HMAC-SHA256 under the tenant's
 *     audit key: {@code actor.display}, {@code actor.ip}, {@code actor.user_agent}, {@code
 *     justification}, or a path into {@code details} such as {@code details.card.number} (array
 *     elements add no segment) that names at least one of its fields; at most {@link
 *     #MAX_SENSITIVE} paths
 */
public record AuditEvent(
    @Nullable UUID id,
    Instant occurredAt,
    AuditCategory category,
    String action,
    AuditOutcome outcome,
    AuditActor actor,
    @Nullable AuditResource resource,
    @Nullable String purpose,
    @Nullable String justification,
    boolean breakGlass,
    @Nullable AuditClassification classification,
    @Nullable String correlationId,
    @Nullable String traceId,
    @Nullable ObjectNode details,
    List<String> sensitive) {

  /** The largest {@code details} object accepted, in RFC 8785 canonical UTF-8 bytes. */
  public static final int MAX_DETAILS_BYTES = 16 * 1024;

  /** The most fields one event may mark sensitive. */
  public static final int MAX_SENSITIVE = SensitivePaths.MAX_PATHS;

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  public AuditEvent {
    if (occurredAt == null) {
      throw new InvalidFieldException("occurred_at", "is required");
    }
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    if (category == null) {
      throw new InvalidFieldException("category", "is required");
    }
    if (action == null) {
      throw new InvalidFieldException("action", "is required");
    }
    if (action.length() > 128 || !ACTION.matcher(action).matches()) {
      throw new InvalidFieldException(
          "action", "must be dotted lower-case words such as secret.read, at most 128 characters");
    }
    if (outcome == null) {
      throw new InvalidFieldException("outcome", "is required");
    }
    if (actor == null) {
      throw new InvalidFieldException("actor", "is required");
    }
    purpose = AuditFields.optional(purpose, "purpose", 256);
    justification = AuditFields.optional(justification, "justification", 2048);
    correlationId = AuditFields.optional(correlationId, "correlation_id", 128);
    traceId = AuditFields.optional(traceId, "trace_id", 128);
    details = details == null ? null : requireDetails(details.deepCopy());
    sensitive = SensitivePaths.validate(sensitive, details);
  }

  /**
   * An event with no field marked sensitive (values the redaction engine finds in {@code details}
   * are still stored as HMACs).
   */
  public AuditEvent(
      @Nullable UUID id,
      Instant occurredAt,
      AuditCategory category,
      String action,
      AuditOutcome outcome,
      AuditActor actor,
      @Nullable AuditResource resource,
      @Nullable String purpose,
      @Nullable String justification,
      boolean breakGlass,
      @Nullable AuditClassification classification,
      @Nullable String correlationId,
      @Nullable String traceId,
      @Nullable ObjectNode details) {
    this(
        id,
        occurredAt,
        category,
        action,
        outcome,
        actor,
        resource,
        purpose,
        justification,
        breakGlass,
        classification,
        correlationId,
        traceId,
        details,
        List.of());
  }

  /**
   * @param category what kind of activity
   * @param action what happened
   * @param outcome how it ended
   * @param actor who acted
   * @return a builder of an event that occurred now, with no optional field set
   */
  public static Builder builder(
      AuditCategory category, String action, AuditOutcome outcome, AuditActor actor) {
    return new Builder(category, action, outcome, actor);
  }

  private static ObjectNode requireDetails(ObjectNode details) {
    byte[] canonical;
    try {
      canonical = Rfc8785Canonicalizer.canonicalize(details);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "details", "holds a value that RFC 8785 canonical JSON cannot represent exactly");
    }
    if (canonical.length > MAX_DETAILS_BYTES) {
      throw new InvalidFieldException(
          "details", "must be at most " + MAX_DETAILS_BYTES + " bytes in canonical form");
    }
    return details;
  }

  @Override
  public @Nullable ObjectNode details() {
    return details == null ? null : details.deepCopy();
  }

  @Override
  public String toString() {
    return "AuditEvent[id="
        + id
        + ", category="
        + category.wireName()
        + ", action="
        + action
        + ", outcome="
        + outcome.wireName()
        + "]";
  }

  /** Builds events in code (other modules' audit records); validation happens in {@link #build}. */
  public static final class Builder {
    private final AuditCategory category;
    private final String action;
    private final AuditOutcome outcome;
    private final AuditActor actor;
    private @Nullable UUID id;
    private Instant occurredAt = Instant.now();
    private @Nullable AuditResource resource;
    private @Nullable String correlationId;
    private @Nullable ObjectNode details;
    private List<String> sensitive = List.of();

    private Builder(AuditCategory category, String action, AuditOutcome outcome, AuditActor actor) {
      this.category = Objects.requireNonNull(category);
      this.action = Objects.requireNonNull(action);
      this.outcome = Objects.requireNonNull(outcome);
      this.actor = Objects.requireNonNull(actor);
    }

    /**
     * @param id the event's identity
     * @return this builder
     */
    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    /**
     * @param occurredAt when it happened
     * @return this builder
     */
    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /**
     * @param resource what was acted on
     * @return this builder
     */
    public Builder resource(AuditResource resource) {
      this.resource = resource;
      return this;
    }

    /**
     * @param correlationId the request's correlation id
     * @return this builder
     */
    public Builder correlationId(@Nullable String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * @param details further structured data
     * @return this builder
     */
    public Builder details(ObjectNode details) {
      this.details = details;
      return this;
    }

    /**
     * @param paths fields to store as HMAC-SHA256 under the tenant's audit key, such as {@code
     *     details.card.number} or {@code actor.ip}
     * @return this builder
     */
    public Builder sensitive(String... paths) {
      this.sensitive = List.of(paths);
      return this;
    }

    /**
     * @return the event
     * @throws InvalidFieldException when a field breaks a rule
     */
    public AuditEvent build() {
      return new AuditEvent(
          id,
          occurredAt,
          category,
          action,
          outcome,
          actor,
          resource,
          null,
          null,
          false,
          null,
          correlationId,
          null,
          details,
          sensitive);
    }
  }
}
