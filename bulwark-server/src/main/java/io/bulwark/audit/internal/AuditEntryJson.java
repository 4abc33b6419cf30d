package io.bulwark.audit.internal;

import io.bulwark.audit.AuditEvent;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The stored form of an event: its snake_case JSON plus {@code recorded_at}, canonicalized. */
final class AuditEntryJson {

  private AuditEntryJson() {}

  static byte[] canonical(AuditEvent event, UUID id, Instant recordedAt) {
    return Rfc8785Canonicalizer.canonicalize(toJson(event, id, recordedAt));
  }

  /**
   * @return the canonical entry with its sensitive values replaced by their HMACs
   */
  static byte[] canonical(
      AuditEvent event, UUID id, Instant recordedAt, SensitiveFieldHasher sensitive) {
    return Rfc8785Canonicalizer.canonicalize(
        sensitive.apply(toJson(event, id, recordedAt), event.sensitive()));
  }

  static ObjectNode toJson(AuditEvent event, UUID id, Instant recordedAt) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("id", id.toString());
    entry.put("occurred_at", event.occurredAt().toString());
    entry.put("recorded_at", recordedAt.toString());
    entry.put("category", event.category().wireName());
    entry.put("action", event.action());
    entry.put("outcome", event.outcome().wireName());
    ObjectNode actor = entry.putObject("actor");
    actor.put("type", event.actor().type().wireName());
    putIfPresent(actor, "id", event.actor().id());
    putIfPresent(actor, "display", event.actor().display());
    putIfPresent(actor, "ip", event.actor().ip());
    putIfPresent(actor, "user_agent", event.actor().userAgent());
    if (event.resource() != null) {
      ObjectNode resource = entry.putObject("resource");
      resource.put("type", event.resource().type());
      putIfPresent(resource, "id", event.resource().id());
    }
    putIfPresent(entry, "purpose", event.purpose());
    putIfPresent(entry, "justification", event.justification());
    entry.put("break_glass", event.breakGlass());
    if (event.classification() != null) {
      entry.put("classification", event.classification().wireName());
    }
    putIfPresent(entry, "correlation_id", event.correlationId());
    putIfPresent(entry, "trace_id", event.traceId());
    ObjectNode details = event.details();
    if (details != null) {
      entry.set("details", details);
    }
    return entry;
  }

  private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
