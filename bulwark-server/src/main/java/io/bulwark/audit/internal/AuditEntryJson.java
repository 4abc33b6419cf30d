package io.bulwark.audit.internal;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditResource;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of an event: its snake_case JSON plus {@code recorded_at}, written directly in
 * RFC 8785 canonical form. The members of an entry are fixed, so they are written in their sorted
 * order as the code lists them; only {@code details} is canonicalized generically, and only when a
 * sensitive value in it was replaced (otherwise the event's own canonical form of it is reused).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785#section-3.2.3">RFC 8785 §3.2.3</a>
 */
final class AuditEntryJson {

  private static final String DETAILS_PREFIX = "details.";

  private AuditEntryJson() {}

  /**
   * @return the canonical entry with its sensitive values replaced by their HMACs
   * @throws IllegalArgumentException when a string holds an unpaired surrogate
   */
  static byte[] canonical(
      AuditEvent event, UUID id, Instant recordedAt, SensitiveFieldHasher sensitive) {
    AuditActor actor = event.actor();
    String display = actor.display();
    String ip = actor.ip();
    String userAgent = actor.userAgent();
    String justification = event.justification();
    String details = event.canonicalDetails();
    JsonNode hashedFields = null;
    if (details != null || !event.sensitive().isEmpty()) {
      // The hasher works on the members it may replace; the others are never touched.
      ObjectNode view = JsonNodeFactory.instance.objectNode();
      ObjectNode viewActor = view.putObject("actor");
      putIfPresent(viewActor, "display", display);
      putIfPresent(viewActor, "ip", ip);
      putIfPresent(viewActor, "user_agent", userAgent);
      putIfPresent(view, "justification", justification);
      ObjectNode detailsCopy = event.details();
      if (detailsCopy != null) {
        view.set("details", detailsCopy);
      }
      sensitive.apply(view, event.sensitive());
      hashedFields = view.get(SensitiveFieldHasher.HASHED_FIELDS);
      if (hashedFields != null) {
        display = textOrNull(viewActor.get("display"));
        ip = textOrNull(viewActor.get("ip"));
        userAgent = textOrNull(viewActor.get("user_agent"));
        justification = textOrNull(view.get("justification"));
        for (JsonNode path : hashedFields) {
          if (path.asString().startsWith(DETAILS_PREFIX)) {
            details = Rfc8785Canonicalizer.canonicalString(view.get("details"));
            break;
          }
        }
      }
    }
    StringBuilder out = new StringBuilder(1024 + (details == null ? 0 : details.length()));
    out.append('{');
    member(out, "action", event.action());
    out.append(",\"actor\":{");
    boolean first = true;
    first = optional(out, first, "display", display);
    first = optional(out, first, "id", actor.id());
    first = optional(out, first, "ip", ip);
    first = optional(out, first, "type", actor.type().wireName());
    optional(out, first, "user_agent", userAgent);
    out.append("},\"break_glass\":").append(event.breakGlass());
    out.append(',');
    member(out, "category", event.category().wireName());
    if (event.classification() != null) {
      optional(out, false, "classification", event.classification().wireName());
    }
    optional(out, false, "correlation_id", event.correlationId());
    if (details != null) {
      out.append(",\"details\":").append(details);
    }
    if (hashedFields != null) {
      out.append(",\"hashed_fields\":[");
      boolean firstPath = true;
      for (JsonNode path : hashedFields) {
        if (!firstPath) {
          out.append(',');
        }
        firstPath = false;
        Rfc8785Canonicalizer.appendString(out, path.asString());
      }
      out.append(']');
    }
    optional(out, false, "id", id.toString());
    optional(out, false, "justification", justification);
    optional(out, false, "occurred_at", event.occurredAt().toString());
    optional(out, false, "outcome", event.outcome().wireName());
    optional(out, false, "purpose", event.purpose());
    optional(out, false, "recorded_at", recordedAt.toString());
    AuditResource resource = event.resource();
    if (resource != null) {
      out.append(",\"resource\":{");
      boolean firstMember = optional(out, true, "id", resource.id());
      optional(out, firstMember, "type", resource.type());
      out.append('}');
    }
    optional(out, false, "trace_id", event.traceId());
    out.append('}');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void member(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":");
    Rfc8785Canonicalizer.appendString(out, value);
  }

  /** Writes {@code "name":value} when the value is present; returns whether nothing came yet. */
  private static boolean optional(
      StringBuilder out, boolean first, String name, @Nullable String value) {
    if (value == null) {
      return first;
    }
    if (!first) {
      out.append(',');
    }
    member(out, name, value);
    return false;
  }

  private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static @Nullable String textOrNull(@Nullable JsonNode node) {
    return node == null ? null : node.asString();
  }
}
