package io.bulwark.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random valid audit events as JSON text, for property tests: every optional field present or not,
 * strings with unicode, surrogate pairs and escapes written in several ways, and {@code details}
 * trees with nested arrays and objects, numbers in exponent form, negative zero and large integers,
 * and values the sensitive-field rules hash. {@link #fromTree} is the reference reading of such an
 * event from its JSON tree.
 */
public final class RandomAuditEvents {

  private static final String[] CATEGORIES = {
    "authentication", "authorization", "data_access", "configuration", "privacy", "security"
  };
  private static final String[] OUTCOMES = {"success", "failure", "denied"};
  private static final String[] CLASSIFICATIONS = {
    "public",
    "internal",
    "customer_non_sensitive",
    "customer_sensitive",
    "customer_highly_sensitive"
  };
  private static final String[] NUMBERS = {
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1",
    "-1",
    "1e21",
    "1E+21",
    "1e-7",
    "1.5E-7",
    "123456789",
    "1e308",
    "-1e-308",
    "9007199254740992",
    "-9007199254740992",
    "1152921504606846976",
    "1180591620717411303424",
    "295147905179352830000",
    "0.1",
    "3.141592653589793",
    "100",
    "1e2",
    "2.5e-3",
    "4111111111111111",
    "123456",
    "-98765.4321",
    "5e-324",
    "1.7976931348623157e308"
  };
  private static final String[] NAMES = {
    "a",
    "b",
    "z",
    "A",
    "é",
    "ü",
    "名前",
    "\uD83D\uDE00",
    "key",
    "value",
    "nested",
    "list",
    "10",
    "2",
    "",
    "password",
    "\uFF5E",
    "api_key",
    "card_number",
    "email",
    "note",
    "enabled",
    "aa",
    "ab"
  };
  private static final String[] WORDS = {
    "plain",
    "jane@example.com",
    "4111111111111111",
    "Bearer abc.def.ghi",
    "quote\"inside",
    "back\\slash",
    "line\nbreak",
    "tab\tand\u0001control\u001f",
    "\u2028\u2029",
    "slash/",
    "émoji \uD83D\uDE00 ∑",
    "日本語",
    "\u007f\u0080\u00ff",
    "",
    "hmac-sha256:" + "ab".repeat(32),
    "password=hunter2"
  };

  private RandomAuditEvents() {}

  /**
   * @param random the source of randomness
   * @return one valid event as JSON text
   */
  public static String eventJson(Random random) {
    List<String> members = new ArrayList<>();
    List<String> sensitive = new ArrayList<>();
    if (random.nextBoolean()) {
      String uuid = UUID.randomUUID().toString();
      members.add(
          member(random, "id", random.nextBoolean() ? uuid : uuid.toUpperCase(Locale.ROOT)));
    }
    Instant when =
        Instant.ofEpochSecond(
            1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
    String occurred =
        random.nextBoolean()
            ? when.toString()
            : OffsetDateTime.ofInstant(when, java.time.ZoneOffset.ofHours(random.nextInt(25) - 12))
                .toString();
    members.add(member(random, "occurred_at", occurred));
    members.add(member(random, "category", pick(random, CATEGORIES)));
    members.add(member(random, "action", "thing.done_" + random.nextInt(100)));
    members.add(member(random, "outcome", pick(random, OUTCOMES)));
    members.add(string(random, "actor") + ":" + actor(random, sensitive));
    if (random.nextBoolean()) {
      String resource =
          random.nextBoolean()
              ? "{" + member(random, "type", text(random)) + "}"
              : "{"
                  + member(random, "id", text(random))
                  + ","
                  + member(random, "type", text(random))
                  + "}";
      members.add(string(random, "resource") + ":" + resource);
    }
    if (random.nextBoolean()) {
      members.add(member(random, "purpose", text(random)));
    }
    if (random.nextBoolean()) {
      members.add(member(random, "justification", text(random)));
      if (random.nextInt(3) == 0) {
        sensitive.add("justification");
      }
    }
    if (random.nextBoolean()) {
      members.add(string(random, "break_glass") + ":" + random.nextBoolean());
    }
    if (random.nextBoolean()) {
      members.add(member(random, "classification", pick(random, CLASSIFICATIONS)));
    }
    if (random.nextBoolean()) {
      members.add(member(random, "correlation_id", text(random)));
    }
    if (random.nextBoolean()) {
      members.add(
          member(random, "trace_id", "4bf92f3577b34da6a3ce929d0e0e" + random.nextInt(9999)));
    }
    if (random.nextInt(5) > 0) {
      List<String> topNames = new ArrayList<>();
      members.add(string(random, "details") + ":" + object(random, 0, topNames));
      for (String name : topNames) {
        if (name.matches("[A-Za-z0-9_-]{1,64}") && random.nextInt(4) == 0) {
          sensitive.add("details." + name);
        }
      }
    }
    if (!sensitive.isEmpty() || random.nextInt(8) == 0) {
      List<String> paths = new ArrayList<>();
      for (String path : sensitive) {
        paths.add(string(random, path));
      }
      members.add(string(random, "sensitive") + ":[" + String.join(",", paths) + "]");
    }
    java.util.Collections.shuffle(members, random);
    return "{" + String.join(space(random) + "," + space(random), members) + "}";
  }

  /**
   * The reference reading of a valid event from its JSON tree, as the old tree-based parser did.
   *
   * @param event one event object
   * @return the event
   */
  public static AuditEvent fromTree(JsonNode event) {
    JsonNode actor = event.get("actor");
    JsonNode resource = event.get("resource");
    List<String> sensitive = new ArrayList<>();
    if (event.get("sensitive") != null) {
      event.get("sensitive").values().forEach(path -> sensitive.add(path.asString()));
    }
    String id = text(event, "id");
    return new AuditEvent(
        id == null ? null : UUID.fromString(id.toLowerCase(Locale.ROOT)),
        OffsetDateTime.parse(text(event, "occurred_at")).toInstant(),
        AuditCategory.fromWireName(text(event, "category")).orElseThrow(),
        text(event, "action"),
        AuditOutcome.fromWireName(text(event, "outcome")).orElseThrow(),
        new AuditActor(
            AuditActor.Type.fromWireName(text(actor, "type")).orElseThrow(),
            text(actor, "id"),
            text(actor, "display"),
            text(actor, "ip"),
            text(actor, "user_agent")),
        resource == null ? null : new AuditResource(text(resource, "type"), text(resource, "id")),
        text(event, "purpose"),
        text(event, "justification"),
        event.get("break_glass") != null && event.get("break_glass").asBoolean(),
        event.get("classification") == null
            ? null
            : java.util.Arrays.stream(AuditClassification.values())
                .filter(tier -> tier.wireName().equals(text(event, "classification")))
                .findFirst()
                .orElseThrow(),
        text(event, "correlation_id"),
        text(event, "trace_id"),
        (ObjectNode) event.get("details"),
        sensitive);
  }

  private static @Nullable String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static String actor(Random random, List<String> sensitive) {
    List<String> members = new ArrayList<>();
    String type = pick(random, new String[] {"user", "service", "system"});
    members.add(member(random, "type", type));
    if (!type.equals("system") || random.nextBoolean()) {
      members.add(member(random, "id", "actor-" + random.nextInt(1000)));
    }
    if (random.nextBoolean()) {
      members.add(member(random, "display", text(random)));
      if (random.nextInt(3) == 0) {
        sensitive.add("actor.display");
      }
    }
    if (random.nextBoolean()) {
      members.add(
          member(
              random,
              "ip",
              random.nextBoolean()
                  ? "203.0.113." + random.nextInt(255)
                  : "2001:db8::" + random.nextInt(99)));
      if (random.nextInt(3) == 0) {
        sensitive.add("actor.ip");
      }
    }
    if (random.nextBoolean()) {
      members.add(member(random, "user_agent", text(random)));
      if (random.nextInt(3) == 0) {
        sensitive.add("actor.user_agent");
      }
    } else if (random.nextBoolean()) {
      members.add(string(random, "user_agent") + ":null");
    }
    java.util.Collections.shuffle(members, random);
    return "{" + String.join(",", members) + "}";
  }

  private static String object(Random random, int depth, List<String> names) {
    int size = random.nextInt(depth == 0 ? 7 : 4);
    List<String> used = new ArrayList<>();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String name = pick(random, NAMES);
      if (used.contains(name)) {
        continue;
      }
      used.add(name);
      members.add(string(random, name) + ":" + space(random) + value(random, depth + 1));
    }
    names.addAll(used);
    return "{" + space(random) + String.join("," + space(random), members) + space(random) + "}";
  }

  private static String value(Random random, int depth) {
    int choice = random.nextInt(depth > 3 ? 5 : 7);
    return switch (choice) {
      case 0 -> string(random, pick(random, WORDS) + (random.nextBoolean() ? text(random) : ""));
      case 1 -> pick(random, NUMBERS);
      case 2 -> Long.toString(random.nextLong() >> (11 + random.nextInt(53)));
      case 3 -> random.nextBoolean() ? (random.nextBoolean() ? "true" : "false") : "null";
      case 4 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      case 5 -> object(random, depth, new ArrayList<>());
      default -> {
        int size = random.nextInt(4);
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          elements.add(value(random, depth + 1));
        }
        yield "[" + String.join("," + space(random), elements) + "]";
      }
    };
  }

  private static String member(Random random, String name, String value) {
    return string(random, name) + space(random) + ":" + space(random) + string(random, value);
  }

  /** A non-blank string without control characters, for the fixed fields. */
  private static String text(Random random) {
    StringBuilder text = new StringBuilder("t");
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append('"');
        case 1 -> text.append('\\');
        case 2 -> text.append("\uD83D\uDE00");
        case 3 -> text.append((char) (0xa0 + random.nextInt(0x2000)));
        case 4 -> text.append('/');
        case 5 -> text.append("\u2028");
        default -> text.append((char) ('a' + random.nextInt(26)));
      }
    }
    return text.toString();
  }

  /**
   * A JSON string literal of {@code value}, each character written plainly or escaped at random.
   */
  private static String string(Random random, String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
      if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
        // a pair is written plainly or as two escapes, never half and half
        char low = value.charAt(++i);
        if (random.nextBoolean()) {
          out.append(c).append(low);
        } else {
          out.append(String.format("\\u%04x\\u%04X", (int) c, (int) low));
        }
      } else if (mustEscape || random.nextInt(6) == 0) {
        if (c == '"' && random.nextBoolean()) {
          out.append("\\\"");
        } else if (c == '\\' && random.nextBoolean()) {
          out.append("\\\\");
        } else if (c == '\n' && random.nextBoolean()) {
          out.append("\\n");
        } else if (c == '/' && random.nextBoolean()) {
          out.append("\\/");
        } else {
          out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String space(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      default -> "";
    };
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
