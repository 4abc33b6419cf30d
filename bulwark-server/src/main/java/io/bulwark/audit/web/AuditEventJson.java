package io.bulwark.audit.web;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditClassification;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a batch of audit events from its JSON body, strictly: unknown members, wrong types and
 * broken rules are rejected naming the field as {@code events[3].category}. Reasons never echo
 * values, which may be personal data.
 */
final class AuditEventJson {

  static final int MAX_BATCH = 1000;

  private static final Set<String> EVENT_FIELDS =
      Set.of(
          "id",
          "occurred_at",
          "category",
          "action",
          "outcome",
          "actor",
          "resource",
          "purpose",
          "justification",
          "break_glass",
          "classification",
          "correlation_id",
          "trace_id",
          "details",
          "sensitive");
  private static final Set<String> ACTOR_FIELDS =
      Set.of("type", "id", "display", "ip", "user_agent");
  private static final Set<String> RESOURCE_FIELDS = Set.of("type", "id");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private AuditEventJson() {}

  static List<AuditEvent> batch(JsonNode body) {
    if (!body.isObject()) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }
    rejectUnknown(body, Set.of("events"), "");
    JsonNode events = body.get("events");
    if (events == null || events.isNull()) {
      throw new InvalidFieldException("events", "is required");
    }
    if (!events.isArray() || events.isEmpty() || events.size() > MAX_BATCH) {
      throw new InvalidFieldException(
          "events", "must be an array of 1 to " + MAX_BATCH + " events");
    }
    List<AuditEvent> parsed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      parsed.add(event(events.get(i), "events[" + i + "]"));
    }
    return parsed;
  }

  static AuditEvent event(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidFieldException(path, "must be an object");
    }
    rejectUnknown(node, EVENT_FIELDS, path + ".");
    try {
      return new AuditEvent(
          id(node),
          occurredAt(node),
          wire(node, "category", AuditCategory.values(), AuditCategory::wireName),
          text(node, "action"),
          wire(node, "outcome", AuditOutcome.values(), AuditOutcome::wireName),
          actor(node.get("actor"), path),
          resource(node.get("resource"), path),
          text(node, "purpose"),
          text(node, "justification"),
          breakGlass(node),
          wire(node, "classification", AuditClassification.values(), AuditClassification::wireName),
          text(node, "correlation_id"),
          text(node, "trace_id"),
          details(node),
          sensitive(node));
    } catch (InvalidFieldException invalid) {
      throw new InvalidFieldException(path + "." + invalid.field(), invalid.reason());
    }
  }

  private static @Nullable AuditActor actor(@Nullable JsonNode actor, String path) {
    if (actor == null || actor.isNull()) {
      return null;
    }
    if (!actor.isObject()) {
      throw new InvalidFieldException("actor", "must be an object");
    }
    rejectUnknown(actor, ACTOR_FIELDS, path + ".actor.");
    String type = text(actor, "type", "actor.type");
    if (type == null) {
      throw new InvalidFieldException("actor.type", "is required");
    }
    return new AuditActor(
        AuditActor.Type.fromWireName(type)
            .orElseThrow(() ->
                new InvalidFieldException("actor.type", "must be one of user, service, system")),
        text(actor, "id", "actor.id"),
        text(actor, "display", "actor.display"),
        text(actor, "ip", "actor.ip"),
        text(actor, "user_agent", "actor.user_agent"));
  }

  private static @Nullable AuditResource resource(@Nullable JsonNode resource, String path) {
    if (resource == null || resource.isNull()) {
      return null;
    }
    if (!resource.isObject()) {
      throw new InvalidFieldException("resource", "must be an object");
    }
    rejectUnknown(resource, RESOURCE_FIELDS, path + ".resource.");
    return new AuditResource(
        text(resource, "type", "resource.type"), text(resource, "id", "resource.id"));
  }

  private static @Nullable UUID id(JsonNode node) {
    String id = text(node, "id");
    if (id == null) {
      return null;
    }
    if (!UUID_TEXT.matcher(id).matches()) {
      throw new InvalidFieldException("id", "must be a UUID");
    }
    return UUID.fromString(id.toLowerCase(Locale.ROOT));
  }

  private static @Nullable Instant occurredAt(JsonNode node) {
    String text = text(node, "occurred_at");
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "occurred_at", "must be an RFC 3339 timestamp such as 2025-01-31T12:00:00Z");
    }
  }

  private static boolean breakGlass(JsonNode node) {
    JsonNode value = node.get("break_glass");
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidFieldException("break_glass", "must be true or false");
    }
    return value.asBoolean();
  }

  private static @Nullable ObjectNode details(JsonNode node) {
    JsonNode value = node.get("details");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!(value instanceof ObjectNode object)) {
      throw new InvalidFieldException("details", "must be an object");
    }
    return object;
  }

  private static List<String> sensitive(JsonNode node) {
    JsonNode value = node.get("sensitive");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new InvalidFieldException("sensitive", "must be an array of field paths");
    }
    List<String> paths = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isString()) {
        throw new InvalidFieldException("sensitive[" + i + "]", "must be a string");
      }
      paths.add(value.get(i).asString());
    }
    return paths;
  }

  private static <E> @Nullable E wire(
      JsonNode node, String field, E[] values, java.util.function.Function<E, String> name) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    for (E value : values) {
      if (name.apply(value).equals(text)) {
        return value;
      }
    }
    throw new InvalidFieldException(
        field,
        "must be one of " + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
  }

  private static @Nullable String text(JsonNode node, String field) {
    return text(node, field, field);
  }

  private static @Nullable String text(JsonNode node, String member, String field) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new InvalidFieldException(field, "must be a string");
    }
    return value.asString();
  }

  private static void rejectUnknown(JsonNode node, Set<String> known, String prefix) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        String field = prefix + name;
        throw new ApiProblem(
            ProblemType.UNKNOWN_FIELD,
            "Field '" + field + "' is not part of this request",
            Map.of("field", field));
      }
    }
  }
}
