package io.bulwark.audit;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.platform.problem.InvalidFieldException;
import java.nio.charset.StandardCharsets;
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
 * <p>A class rather than a record only so that it can keep the canonical form of {@code details} it
 * computed while validating them.
 */
public final class AuditEvent {

  /** The largest {@code details} object accepted, in RFC 8785 canonical UTF-8 bytes. */
  public static final int MAX_DETAILS_BYTES = 16 * 1024;

  /** The most fields one event may mark sensitive. */
  public static final int MAX_SENSITIVE = SensitivePaths.MAX_PATHS;

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  private final @Nullable UUID id;
  private final Instant occurredAt;
  private final AuditCategory category;
  private final String action;
  private final AuditOutcome outcome;
  private final AuditActor actor;
  private final @Nullable AuditResource resource;
  private final @Nullable String purpose;
  private final @Nullable String justification;
  private final boolean breakGlass;
  private final @Nullable AuditClassification classification;
  private final @Nullable String correlationId;
  private final @Nullable String traceId;
  private final @Nullable ObjectNode details;
  private final List<String> sensitive;
  private final @Nullable String canonicalDetails;

  /**
   * An event, validated.
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
   * @throws InvalidFieldException when a field breaks a rule, naming it
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
      @Nullable ObjectNode details,
      List<String> sensitive) {
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
    ObjectNode copy = details == null ? null : details.deepCopy();
    this.canonicalDetails = copy == null ? null : requireDetails(copy);
    this.id = id;
    this.occurredAt = occurredAt;
    this.category = category;
    this.action = action;
    this.outcome = outcome;
    this.actor = actor;
    this.resource = resource;
    this.purpose = purpose;
    this.justification = justification;
    this.breakGlass = breakGlass;
    this.classification = classification;
    this.correlationId = correlationId;
    this.traceId = traceId;
    this.details = copy;
    this.sensitive = SensitivePaths.validate(sensitive, copy);
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

  private static String requireDetails(ObjectNode details) {
    String canonical;
    try {
      canonical = Rfc8785Canonicalizer.canonicalString(details);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "details", "holds a value that RFC 8785 canonical JSON cannot represent exactly");
    }
    if (canonical.length() > MAX_DETAILS_BYTES / 3
        && canonical.getBytes(StandardCharsets.UTF_8).length > MAX_DETAILS_BYTES) {
      throw new InvalidFieldException(
          "details", "must be at most " + MAX_DETAILS_BYTES + " bytes in canonical form");
    }
    return canonical;
  }

  /**
   * @return the event's identity, or null for a server-assigned UUIDv7
   */
  public @Nullable UUID id() {
    return id;
  }

  /**
   * @return when it happened, by the producer's clock, to the microsecond
   */
  public Instant occurredAt() {
    return occurredAt;
  }

  /**
   * @return what kind of activity
   */
  public AuditCategory category() {
    return category;
  }

  /**
   * @return what happened
   */
  public String action() {
    return action;
  }

  /**
   * @return how it ended
   */
  public AuditOutcome outcome() {
    return outcome;
  }

  /**
   * @return who acted
   */
  public AuditActor actor() {
    return actor;
  }

  /**
   * @return what was acted on
   */
  public @Nullable AuditResource resource() {
    return resource;
  }

  /**
   * @return why
   */
  public @Nullable String purpose() {
    return purpose;
  }

  /**
   * @return the actor's stated reason
   */
  public @Nullable String justification() {
    return justification;
  }

  /**
   * @return whether emergency access was used
   */
  public boolean breakGlass() {
    return breakGlass;
  }

  /**
   * @return the tier of the data touched
   */
  public @Nullable AuditClassification classification() {
    return classification;
  }

  /**
   * @return the request's correlation id
   */
  public @Nullable String correlationId() {
    return correlationId;
  }

  /**
   * @return the W3C trace id
   */
  public @Nullable String traceId() {
    return traceId;
  }

  /**
   * @return the fields the producer marked sensitive
   */
  public List<String> sensitive() {
    return sensitive;
  }

  /**
   * @return a copy of the further structured data, or null
   */
  public @Nullable ObjectNode details() {
    return details == null ? null : details.deepCopy();
  }

  /**
   * The RFC 8785 canonical form of {@link #details()}, computed once when the event was made (it is
   * what the size limit counts), so the ledger does not canonicalize it again unless it had to
   * replace a sensitive value in it.
   *
   * @return the canonical JSON of {@code details}, or null when there are none
   */
  public @Nullable String canonicalDetails() {
    return canonicalDetails;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof AuditEvent that
        && breakGlass == that.breakGlass
        && Objects.equals(id, that.id)
        && occurredAt.equals(that.occurredAt)
        && category == that.category
        && action.equals(that.action)
        && outcome == that.outcome
        && actor.equals(that.actor)
        && Objects.equals(resource, that.resource)
        && Objects.equals(purpose, that.purpose)
        && Objects.equals(justification, that.justification)
        && classification == that.classification
        && Objects.equals(correlationId, that.correlationId)
        && Objects.equals(traceId, that.traceId)
        && Objects.equals(details, that.details)
        && sensitive.equals(that.sensitive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, occurredAt, category, action, outcome, actor, resource, details);
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
