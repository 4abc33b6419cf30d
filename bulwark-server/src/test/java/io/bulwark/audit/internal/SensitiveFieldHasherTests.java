package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SensitiveFieldHasherTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] KEY = new byte[32];
  private static final String CARD = "4111 1111 1111 1111";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
          + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  private final AtomicInteger keyReads = new AtomicInteger();
  private final SensitiveFieldHasher hasher =
      new SensitiveFieldHasher(() -> {
        keyReads.incrementAndGet();
        return AuditHmacKey.of(KEY);
      });

  @Test
  void hashIsHmacSha256OfTheUtf8BytesUnderTheTenantKeyInLowerCaseHex() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected =
        HexFormat.of().formatHex(mac.doFinal("jane@example.org".getBytes(StandardCharsets.UTF_8)));

    assertThat(AuditHmacKey.of(KEY).hash("jane@example.org")).isEqualTo("hmac-sha256:" + expected);
  }

  @Test
  void stringsInWhichTheEngineFindsSensitiveDataAreHashedWholeAtAnyDepth() {
    ObjectNode entry =
        entry(
            """
            {"note": "paid with %s today", "contact": {"emails": ["jane@example.org", "plain"]},
             "session": "%s", "count": 5, "pan": 4111111111111111}\
            """
                .formatted(CARD, JWT));

    hasher.apply(entry, List.of());

    JsonNode details = entry.get("details");
    assertThat(details.get("note").asString()).isEqualTo(hash("paid with " + CARD + " today"));
    assertThat(details.get("contact").get("emails").get(0).asString())
        .isEqualTo(hash("jane@example.org"));
    assertThat(details.get("contact").get("emails").get(1).asString()).isEqualTo("plain");
    assertThat(details.get("session").asString()).isEqualTo(hash(JWT));
    assertThat(details.get("count").asInt()).isEqualTo(5);
    assertThat(details.get("pan").asString()).isEqualTo(hash("4111111111111111"));
    assertThat(hashedFields(entry))
        .containsExactly(
            "details.contact.emails[0]", "details.note", "details.pan", "details.session");
  }

  @Test
  void fieldsNamedLikeSecretsAreHashedWholeExceptBooleansAndNulls() {
    ObjectNode entry =
        entry(
            """
            {"password": "hunter2", "client_secret": {"a": 1}, "api_key": ["k1", "k2"],
             "customer_ssn": "123456789", "has_password": true, "token": null, "user": "jane"}\
            """);

    hasher.apply(entry, List.of());

    JsonNode details = entry.get("details");
    assertThat(details.get("password").asString()).isEqualTo(hash("hunter2"));
    assertThat(details.get("client_secret").asString()).isEqualTo(hash("{\"a\":1}"));
    assertThat(details.get("api_key").get(1).asString()).isEqualTo(hash("k2"));
    assertThat(details.get("customer_ssn").asString()).isEqualTo(hash("123456789"));
    assertThat(details.get("has_password").asBoolean()).isTrue();
    assertThat(details.get("token").isNull()).isTrue();
    assertThat(details.get("user").asString()).isEqualTo("jane");
    assertThat(hashedFields(entry))
        .containsExactly(
            "details.api_key[0]",
            "details.api_key[1]",
            "details.client_secret",
            "details.customer_ssn",
            "details.password");
  }

  @Test
  void markedFieldsAreHashedAndAMarkedPathCoversEveryArrayElement() {
    ObjectNode entry =
        entry(
            """
            {"cards": [{"holder": "Jane", "last4": "1111"}, {"holder": "John"}], "flag": false}\
            """);
    entry.put("justification", "ticket 42");

    hasher.apply(
        entry,
        List.of(
            "actor.ip",
            "actor.user_agent",
            "justification",
            "details.cards.holder",
            "details.flag"));

    JsonNode details = entry.get("details");
    assertThat(entry.get("actor").get("ip").asString()).isEqualTo(hash("192.0.2.7"));
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("u-1");
    assertThat(entry.get("justification").asString()).isEqualTo(hash("ticket 42"));
    assertThat(details.get("cards").get(1).get("holder").asString()).isEqualTo(hash("John"));
    assertThat(details.get("cards").get(0).get("last4").asString()).isEqualTo("1111");
    assertThat(details.get("flag").asString()).isEqualTo(hash("false"));
    assertThat(hashedFields(entry))
        .containsExactly(
            "actor.ip",
            "details.cards[0].holder",
            "details.cards[1].holder",
            "details.flag",
            "justification");
  }

  @Test
  void sameValueGivesTheSameHashWhereverItIs() {
    ObjectNode entry = entry("{\"a\": \"jane@example.org\", \"b\": [\"jane@example.org\"]}");

    hasher.apply(entry, List.of());

    JsonNode details = entry.get("details");
    assertThat(details.get("a")).isEqualTo(details.get("b").get(0));
    assertThat(keyReads).hasValue(1);
  }

  @Test
  void cleanEntriesAreLeftAloneWithoutReadingTheKey() {
    ObjectNode entry =
        entry(
            """
            {"slug": "acme", "mac": "00:1A:2B:3C:4D:5E", "versions": [1, 2],
             "earlier": "hmac-sha256:%s", "at": "2025-01-31T12:00:00Z"}\
            """
                .formatted("ab".repeat(32)));
    ObjectNode before = entry.deepCopy();

    hasher.apply(entry, List.of());

    assertThat(entry).isEqualTo(before);
    assertThat(entry.has("hashed_fields")).isFalse();
    assertThat(keyReads).hasValue(0);
  }

  @Test
  void secretNamesIncludeRedactKeysAndAuditExtras() {
    assertThat(SensitiveFieldHasher.sensitiveName("Authorization")).isTrue();
    assertThat(SensitiveFieldHasher.sensitiveName("refresh_token")).isTrue();
    assertThat(SensitiveFieldHasher.sensitiveName("ssn")).isTrue();
    assertThat(SensitiveFieldHasher.sensitiveName("card-number")).isTrue();
    assertThat(SensitiveFieldHasher.sensitiveName("token_type")).isFalse();
    assertThat(SensitiveFieldHasher.sensitiveName("lesson")).isFalse();
    assertThat(SensitiveFieldHasher.sensitiveName("region")).isFalse();
  }

  private static ObjectNode entry(String details) {
    ObjectNode entry =
        (ObjectNode)
            JSON.readTree(
                """
                {"id": "0190f3e4-5b6a-7c8d-9e0f-a1b2c3d4e5f6", "category": "data_access",
                 "actor": {"type": "user", "id": "u-1", "ip": "192.0.2.7"}}\
                """);
    entry.set("details", JSON.readTree(details));
    return entry;
  }

  private static String hash(String value) {
    return AuditHmacKey.of(KEY).hash(value);
  }

  private static List<String> hashedFields(ObjectNode entry) {
    return entry.get("hashed_fields").valueStream().map(JsonNode::asString).toList();
  }
}
