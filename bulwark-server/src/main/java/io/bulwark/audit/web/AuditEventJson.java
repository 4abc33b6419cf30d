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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a batch of audit events from its JSON body with Jackson's streaming parser, strictly:
 * unknown members, wrong types and broken rules are rejected naming the field as {@code
 * events[3].category}. Reasons never echo values, which may be personal data.
 *
 * <p>The body is read in one pass into plain members (strings, booleans, nested members; only
 * {@code details} becomes a tree), and only then validated, event by event in the order the fields
 * are listed here: so a body that is not well-formed I-JSON anywhere is a malformed request, and of
 * several broken rules the same one is always reported first.
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

  /**
   * @param body the request body
   * @param mapper a strict mapper (duplicate members are errors) that makes the parser
   * @return the events, validated
   */
  static List<AuditEvent> batch(byte[] body, JsonMapper mapper) {
    Raw root;
    try (JsonParser parser = mapper.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body is missing");
      }
      root = first == JsonToken.START_OBJECT ? object(parser, Set.of("events"), "") : skip(parser);
      if (parser.nextToken() != null) {
        throw malformed();
      }
    } catch (JacksonException e) {
      throw malformed();
    }
    if (root.members == null) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }
    rejectUnknown(root);
    Raw events = root.members.get("events");
    if (events == null || events.kind == Kind.NULL) {
      throw new InvalidFieldException("events", "is required");
    }
    if (events.elements == null || events.elements.isEmpty() || events.count > MAX_BATCH) {
      throw new InvalidFieldException(
          "events", "must be an array of 1 to " + MAX_BATCH + " events");
    }
    List<AuditEvent> parsed = new ArrayList<>(events.elements.size());
    for (int i = 0; i < events.elements.size(); i++) {
      parsed.add(event(events.elements.get(i), "events[" + i + "]"));
    }
    return parsed;
  }

  private static ApiProblem malformed() {
    return new ApiProblem(
        ProblemType.MALFORMED_REQUEST,
        "The body is not well-formed I-JSON (RFC 7493): no duplicate members");
  }

  /** What a member's value was, as far as validation needs to know. */
  private enum Kind {
    NULL,
    STRING,
    BOOLEAN,
    OBJECT,
    ARRAY,
    OTHER
  }

  /** A value read from the stream: its kind and, where validation looks into it, its content. */
  private static final class Raw {
    final Kind kind;
    @Nullable String text;
    boolean bool;
    @Nullable Map<String, Raw> members;
    @Nullable String firstUnknown;
    @Nullable ObjectNode tree;
    @Nullable List<Raw> elements;
    int count;

    Raw(Kind kind) {
      this.kind = kind;
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }

    @Nullable Raw get(String name) {
      return members == null ? null : members.get(name);
    }
  }

  private static final Raw NULL = new Raw(Kind.NULL);

  /** Reads the members of an object whose START_OBJECT was just read. */
  private static Raw object(JsonParser parser, Set<String> known, String prefix) {
    Raw object = new Raw(Kind.OBJECT);
    object.members = new HashMap<>();
    String name;
    while ((name = parser.nextName()) != null) {
      JsonToken token = parser.nextToken();
      if (!known.contains(name)) {
        if (object.firstUnknown == null) {
          object.firstUnknown = prefix + name;
        }
        parser.skipChildren();
        continue;
      }
      object.members.put(name, member(parser, token, name, prefix));
    }
    return object;
  }

  private static Raw member(JsonParser parser, JsonToken token, String name, String prefix) {
    if (prefix.isEmpty() && name.equals("events") && token == JsonToken.START_ARRAY) {
      return events(parser);
    }
    if (token == JsonToken.START_OBJECT) {
      if (prefix.endsWith("].")) {
        switch (name) {
          case "actor" -> {
            return object(parser, ACTOR_FIELDS, prefix + "actor.");
          }
          case "resource" -> {
            return object(parser, RESOURCE_FIELDS, prefix + "resource.");
          }
          case "details" -> {
            Raw details = new Raw(Kind.OBJECT);
            details.tree = parser.readValueAsTree();
            return details;
          }
          default -> {
            return skip(parser);
          }
        }
      }
      return skip(parser);
    }
    if (token == JsonToken.START_ARRAY && name.equals("sensitive") && prefix.endsWith("].")) {
      Raw array = new Raw(Kind.ARRAY);
      array.elements = new ArrayList<>();
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
        array.elements.add(scalar(parser, element));
      }
      return array;
    }
    return scalar(parser, token);
  }

  private static Raw events(JsonParser parser) {
    Raw array = new Raw(Kind.ARRAY);
    array.elements = new ArrayList<>();
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      array.count++;
      if (array.count > MAX_BATCH) {
        parser.skipChildren();
      } else if (element == JsonToken.START_OBJECT) {
        array.elements.add(object(parser, EVENT_FIELDS, "events[" + (array.count - 1) + "]."));
      } else {
        array.elements.add(scalar(parser, element));
      }
    }
    return array;
  }

  /** A value whose content validation never looks into (it may still be an object or array). */
  private static Raw scalar(JsonParser parser, JsonToken token) {
    return switch (token) {
      case VALUE_NULL -> NULL;
      case VALUE_STRING -> {
        Raw text = new Raw(Kind.STRING);
        text.text = parser.getString();
        yield text;
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        Raw bool = new Raw(Kind.BOOLEAN);
        bool.bool = token == JsonToken.VALUE_TRUE;
        yield bool;
      }
      default -> skip(parser);
    };
  }

  private static Raw skip(JsonParser parser) {
    JsonToken token = parser.currentToken();
    parser.skipChildren();
    return new Raw(
        token == JsonToken.START_OBJECT
            ? Kind.OBJECT
            : token == JsonToken.START_ARRAY ? Kind.ARRAY : Kind.OTHER);
  }

  static AuditEvent event(Raw node, String path) {
    if (node.members == null) {
      throw new InvalidFieldException(path, "must be an object");
    }
    rejectUnknown(node);
    try {
      return new AuditEvent(
          id(node),
          occurredAt(node),
          wire(node, "category", AuditCategory.values(), AuditCategory::wireName),
          text(node, "action"),
          wire(node, "outcome", AuditOutcome.values(), AuditOutcome::wireName),
          actor(node.get("actor")),
          resource(node.get("resource")),
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

  private static @Nullable AuditActor actor(@Nullable Raw actor) {
    if (actor == null || actor.isNull()) {
      return null;
    }
    if (actor.members == null) {
      throw new InvalidFieldException("actor", "must be an object");
    }
    rejectUnknown(actor);
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

  private static @Nullable AuditResource resource(@Nullable Raw resource) {
    if (resource == null || resource.isNull()) {
      return null;
    }
    if (resource.members == null) {
      throw new InvalidFieldException("resource", "must be an object");
    }
    rejectUnknown(resource);
    return new AuditResource(
        text(resource, "type", "resource.type"), text(resource, "id", "resource.id"));
  }

  private static @Nullable UUID id(Raw node) {
    String id = text(node, "id");
    if (id == null) {
      return null;
    }
    if (!UUID_TEXT.matcher(id).matches()) {
      throw new InvalidFieldException("id", "must be a UUID");
    }
    return UUID.fromString(id.toLowerCase(Locale.ROOT));
  }

  private static @Nullable Instant occurredAt(Raw node) {
    String text = text(node, "occurred_at");
    if (text == null) {
      return null;
    }
    try {
      return Rfc3339Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "occurred_at", "must be an RFC 3339 timestamp such as 2025-01-31T12:00:00Z");
    }
  }

  private static boolean breakGlass(Raw node) {
    Raw value = node.get("break_glass");
    if (value == null || value.isNull()) {
      return false;
    }
    if (value.kind != Kind.BOOLEAN) {
      throw new InvalidFieldException("break_glass", "must be true or false");
    }
    return value.bool;
  }

  private static @Nullable ObjectNode details(Raw node) {
    Raw value = node.get("details");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.tree == null) {
      throw new InvalidFieldException("details", "must be an object");
    }
    return value.tree;
  }

  private static List<String> sensitive(Raw node) {
    Raw value = node.get("sensitive");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.elements == null) {
      throw new InvalidFieldException("sensitive", "must be an array of field paths");
    }
    List<String> paths = new ArrayList<>(value.elements.size());
    for (int i = 0; i < value.elements.size(); i++) {
      Raw element = value.elements.get(i);
      if (element.text == null) {
        throw new InvalidFieldException("sensitive[" + i + "]", "must be a string");
      }
      paths.add(element.text);
    }
    return paths;
  }

  private static <E> @Nullable E wire(
      Raw node, String field, E[] values, java.util.function.Function<E, String> name) {
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

  private static @Nullable String text(Raw node, String field) {
    return text(node, field, field);
  }

  private static @Nullable String text(Raw node, String member, String field) {
    Raw value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.text == null) {
      throw new InvalidFieldException(field, "must be a string");
    }
    return value.text;
  }

  private static void rejectUnknown(Raw object) {
    String field = object.firstUnknown;
    if (field != null) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_FIELD,
          "Field '" + field + "' is not part of this request",
          Map.of("field", field));
    }
  }
}
