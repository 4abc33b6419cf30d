package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.RandomAuditEvents;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class AuditEntryJsonTests {

  private static final int EVENTS = 5_000;
  private static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 11);
  }

  @Test
  void canonicalEntryIsByteIdenticalToTheCanonicalizerOverTheEntryTreeForRandomEvents() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    int hashedEntries = 0;
    for (int i = 0; i < EVENTS; i++) {
      String json = RandomAuditEvents.eventJson(random);
      JsonNode tree = Rfc8785Canonicalizer.strictMapper().readTree(json);
      AuditEvent event = RandomAuditEvents.fromTree(tree);
      UUID id = event.id() != null ? event.id() : UUID.randomUUID();
      Instant recordedAt = Instant.ofEpochSecond(1_800_000_000L, random.nextInt(1_000_000) * 1000L);

      ObjectNode reference = hasher().apply(treeEntry(event, id, recordedAt), event.sensitive());
      byte[] expected = Rfc8785Canonicalizer.canonicalize(reference);
      byte[] actual = AuditEntryJson.canonical(event, id, recordedAt, hasher());

      assertThat(new String(actual, StandardCharsets.UTF_8))
          .as("seed %d, event %d: %s", seed, i, json)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(actual).isEqualTo(expected);
      if (reference.has(SensitiveFieldHasher.HASHED_FIELDS)) {
        hashedEntries++;
      }
    }
    assertThat(hashedEntries).as("events with hashed values").isGreaterThan(EVENTS / 20);
  }

  @Test
  void canonicalEntryRejectsAnUnpairedSurrogateAsTheCanonicalizerDoes() {
    AuditEvent event =
        RandomAuditEvents.fromTree(
            Rfc8785Canonicalizer.strictMapper()
                .readTree(
                    "{\"occurred_at\":\"2025-01-31T12:00:00Z\",\"category\":\"security\","
                        + "\"action\":\"a.b\",\"outcome\":\"success\","
                        + "\"actor\":{\"type\":\"system\"},\"purpose\":\"x\\ud800y\"}"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AuditEntryJson.canonical(event, UUID.randomUUID(), Instant.EPOCH, hasher()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SensitiveFieldHasher hasher() {
    return new SensitiveFieldHasher(() -> AuditHmacKey.of(KEY));
  }

  /** The entry as a JSON tree, the way the ledger built it before it wrote entries directly. */
  private static ObjectNode treeEntry(AuditEvent event, UUID id, Instant recordedAt) {
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
