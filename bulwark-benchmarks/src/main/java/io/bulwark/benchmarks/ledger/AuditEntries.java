package io.bulwark.benchmarks.ledger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Audit entries for the benchmarks, varied by index: typical (≈ 600 bytes) and compact (≈ 150). */
final class AuditEntries {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private AuditEntries() {}

  static JsonNode entry(String shape, long index) {
    return switch (shape) {
      case "typical" -> entry(index);
      case "compact" -> compactEntry(index);
      default -> throw new IllegalArgumentException("unknown entry shape " + shape);
    };
  }

  /** A minimal entry: who did what, when, with which outcome. */
  static JsonNode compactEntry(long index) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("id", String.format("01JA%022d", index));
    entry.put("at", "2025-06-11T09:15:" + String.format("%02dZ", index % 60));
    entry.put("actor", "u-" + (index % 5000));
    entry.put("action", index % 3 == 0 ? "secret.read" : "user.login");
    entry.put("outcome", "allowed");
    return entry;
  }

  /** A typical entry with actor, resource, request and attributes. */
  static JsonNode entry(long index) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("id", String.format("01JA%022d", index));
    entry.put("tenant_id", "acme");
    entry.put(
        "occurred_at", "2025-06-11T09:15:" + String.format("%02d.%03dZ", index % 60, index % 1000));
    ObjectNode actor = entry.putObject("actor");
    actor.put("type", "user");
    actor.put("id", "u-" + (index % 5000));
    actor.put("ip", "203.0.113." + (index % 250));
    actor.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0");
    entry.put("action", index % 3 == 0 ? "secret.read" : "user.login");
    ObjectNode resource = entry.putObject("resource");
    resource.put("type", "secret");
    resource.put("id", "db/password-" + (index % 97));
    resource.put("classification", "customer-sensitive");
    entry.put("outcome", "allowed");
    entry.put("reason", "break-glass ticket INC-" + (4711 + index % 100));
    entry.put("request_id", "req-" + Long.toHexString(index * 0x9E3779B97F4A7C15L));
    entry.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    ObjectNode attributes = entry.putObject("attributes");
    attributes.put("justification", "incident response");
    attributes.put("duration_s", 3600);
    attributes.put("risk_score", 0.75 + (index % 7) / 100.0);
    attributes.putArray("roles").add("sre").add("on-call");
    return entry;
  }
}
