package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.export.ExportVerification;
import io.bulwark.ledger.export.LedgerExportVerifier;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.platform.TenantContext;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Sensitive values in audit entries are stored as HMAC-SHA256 under the tenant's own key. */
@BulwarkIntegrationTest
class AuditSensitiveFieldsIntegrationTests {

  private static final String INVALID_FIELD = "https://bulwark.io/problems/invalid-field";
  private static final String UNKNOWN_FIELD = "https://bulwark.io/problems/unknown-field";
  private static final String INVALID_PARAMETER = "https://bulwark.io/problems/invalid-parameter";
  private static final String MALFORMED = "https://bulwark.io/problems/malformed-request";
  private static final String FORBIDDEN = "https://bulwark.io/problems/forbidden";
  private static final String HMAC = "hmac-sha256:[0-9a-f]{64}";

  static final String CARD = "4111 1111 1111 1111";
  static final String EMAIL = "planted.person.4821@example.com";
  static final String PASSWORD = "planted-Passw0rd-8c1e77b2";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGFudGVkLTQ4MjEifQ"
          + ".Qm8h3sT8wq0kZ2nQ1c7fY5uP9vX4aB6dE0gH2jK4lMn";

  private static final Path VERIFIER = Path.of("..", "tools", "independent-verifier", "verify.py");

  @LocalServerPort int port;
  @TempDir Path dir;
  @Autowired TestClients clients;
  @Autowired JdbcClient jdbc;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void valuesTheEngineFindsAndSecretNamedFieldsInDetailsAreStoredOnlyAsHmacs() {
    String details =
        """
        {"note": "refund to card %s", "contact": {"emails": ["%s", "team"]},
         "session": "%s", "password": "%s", "amount": 12}\
        """
            .formatted(CARD, EMAIL, JWT, PASSWORD);

    Response appended = append(batch(event(details, null)));
    JsonNode entry = entry(appended.json().get("events").get(0).get("index").asLong());

    assertThat(appended.status()).as(appended.toString()).isEqualTo(201);
    JsonNode stored = entry.get("details");
    assertThat(stored.get("note").asString()).matches(HMAC);
    assertThat(stored.get("contact").get("emails").get(0).asString()).isEqualTo(hash(EMAIL));
    assertThat(stored.get("contact").get("emails").get(1).asString()).isEqualTo("team");
    assertThat(stored.get("session").asString()).isEqualTo(hash(JWT));
    assertThat(stored.get("password").asString()).isEqualTo(hash(PASSWORD));
    assertThat(stored.get("amount").asInt()).isEqualTo(12);
    assertThat(texts(entry.get("hashed_fields")))
        .containsExactly(
            "details.contact.emails[0]", "details.note", "details.password", "details.session");
    List<String> bodies = storedBodies();
    assertThat(bodies).anySatisfy(body -> assertThat(body).contains(hash(EMAIL)));
    for (String planted : List.of(CARD, "4111111111111111", EMAIL, PASSWORD, JWT)) {
      assertThat(bodies).as("audit_entries.body").noneMatch(body -> body.contains(planted));
    }
  }

  @Test
  void entryWithHashedFieldsIsExactlyTheLeafThatWasHashedAndTheLogVerifies() {
    append(batch(event("{\"email\": \"" + EMAIL + "\"}", "[\"actor.ip\"]")));

    JsonNode entry = entry(0);
    Response proof =
        api.get(acme.path("/proofs/inclusion?index=0&size=1")).bearer(acme.token).send();
    Response verified = api.post(acme.path("/verify")).bearer(acme.token).send();

    assertThat(Rfc9162Hasher.create().leafHash(Rfc8785Canonicalizer.canonicalize(entry)).toBase64())
        .isEqualTo(proof.json().get("leaf_hash").asString());
    assertThat(verified.json().get("intact").asBoolean()).as(verified.toString()).isTrue();
  }

  @Test
  void exportWithHashedFieldsVerifiesOfflineAndWithTheIndependentVerifier() throws Exception {
    append(
        batch(
            event(
                "{\"email\": \"" + EMAIL + "\", \"password\": \"" + PASSWORD + "\"}",
                "[\"actor.ip\"]"),
            event("{\"note\": \"card " + CARD + "\"}", null)));
    String keys = api.get(acme.path("/checkpoint-keys")).bearer(acme.token).send().body();
    Response export = api.get(acme.path("/export")).bearer(acme.token).send();
    Path vkeys = Files.writeString(dir.resolve("keys.txt"), keys, StandardCharsets.UTF_8);
    Path exported = Files.writeString(dir.resolve("export.jsonl"), export.body());

    ExportVerification offline =
        new LedgerExportVerifier(
                List.of(SignedNoteVerifierKey.parse(keys.lines().findFirst().orElseThrow())))
            .verify(new StringReader(export.body()));
    Process independent =
        new ProcessBuilder(
                "python3",
                VERIFIER.toString(),
                "export",
                "--vkey",
                "@" + vkeys,
                exported.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(independent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(export.body()).contains("hashed_fields").doesNotContain(EMAIL).doesNotContain(CARD);
    assertThat(offline).isInstanceOf(ExportVerification.Intact.class);
    assertThat(independent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(independent.exitValue()).as(output).isZero();
  }

  @Test
  void fieldsTheProducerMarksAreStoredAsHmacsAndListed() {
    String event =
        """
        {"occurred_at": "2025-01-31T12:00:00Z", "category": "data_access", "action": "card.read",
         "outcome": "success", "justification": "ticket 7731 for Jane",
         "actor": {"type": "user", "id": "u-1", "display": "Jane Roe", "ip": "192.0.2.7",
                   "user_agent": "curl/8"},
         "details": {"orders": [{"ref": "A-1", "qty": 1}, {"ref": "B-2", "qty": 2}]},
         "sensitive": ["actor.ip", "actor.display", "justification", "details.orders.ref"]}\
        """;

    append(batch(event));
    JsonNode entry = entry(0);

    assertThat(entry.get("actor").get("ip").asString()).isEqualTo(hash("192.0.2.7"));
    assertThat(entry.get("actor").get("display").asString()).isEqualTo(hash("Jane Roe"));
    assertThat(entry.get("actor").get("id").asString()).isEqualTo("u-1");
    assertThat(entry.get("actor").get("user_agent").asString()).isEqualTo("curl/8");
    assertThat(entry.get("justification").asString()).isEqualTo(hash("ticket 7731 for Jane"));
    assertThat(entry.get("details").get("orders").get(1).get("ref").asString())
        .isEqualTo(hash("B-2"));
    assertThat(entry.get("details").get("orders").get(1).get("qty").asInt()).isEqualTo(2);
    assertThat(entry.has("sensitive")).isFalse();
    assertThat(texts(entry.get("hashed_fields")))
        .containsExactly(
            "actor.display",
            "actor.ip",
            "details.orders[0].ref",
            "details.orders[1].ref",
            "justification");
  }

  @Test
  void sameValueHasTheSameHashWithinATenantAndAnotherInAnotherTenant() {
    AuditFixtures globex = AuditFixtures.tenantWithAuditClients(api, clients);
    String details = "{\"email\": \"" + EMAIL + "\"}";
    append(batch(event(details, null), event(details, null)));
    api.post(globex.path("/events")).bearer(globex.token).json(batch(event(details, null))).send();

    String first = entry(0).get("details").get("email").asString();
    String second = entry(1).get("details").get("email").asString();
    String other =
        api.get(globex.path("/entries/0"))
            .bearer(globex.token)
            .send()
            .json()
            .get("entry")
            .get("details")
            .get("email")
            .asString();

    assertThat(first).matches(HMAC).isEqualTo(second).isNotEqualTo(other);
    assertThat(other).matches(HMAC);
    byte[] storedKey =
        TenantContext.callAs(
            acme.tenant,
            () ->
                jdbc.sql("select encrypted_key from audit_hmac_keys where tenant_id = ?")
                    .param(acme.tenant.value())
                    .query(byte[].class)
                    .single());
    assertThat(storedKey.length).as("encrypted, not the raw 32 bytes").isGreaterThan(32);
  }

  @Test
  void hashOfAKnownValueFindsTheEntriesHoldingIt() {
    append(batch(event("{\"email\": \"someone.else@example.com\"}", null)));
    append(batch(event("{\"contact\": {\"email\": \"" + EMAIL + "\"}}", null)));
    append(batch(event("{\"n\": 1}", null)));

    String hash = hash(EMAIL);
    Response found =
        api.get(acme.path("/events?action=card.read&hashed_value=" + hash))
            .bearer(acme.token)
            .send();
    Response all = api.get(acme.path("/events?hashed_value=" + hash)).bearer(acme.token).send();

    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    assertThat(found.json().get("items")).hasSize(1);
    assertThat(found.json().get("items").get(0).get("index").asLong()).isEqualTo(1);
    assertThat(all.json().get("items").valueStream().map(item -> item.get("entry").get("action")))
        .extracting(JsonNode::asString)
        .containsExactly("audit.hash", "card.read");
  }

  @Test
  void severalValuesAreHashedInOrderLikeOneAtATime() {
    Response several =
        api.post(acme.path("/hash"))
            .bearer(acme.token)
            .json("{\"values\": [\"" + EMAIL + "\", \"" + CARD + "\"]}")
            .send();

    assertThat(several.status()).as(several.toString()).isEqualTo(200);
    assertThat(several.header("Cache-Control")).contains("no-store");
    assertThat(texts(several.json().get("hashes"))).containsExactly(hash(EMAIL), hash(CARD));
    assertThat(several.json().has("hash")).isFalse();
  }

  @Test
  void hashRequestIsAuditedWithTheHmacNeverTheValue() {
    String hash = hash(PASSWORD);

    JsonNode entry = entry(ledgerSize() - 1);

    assertThat(entry.get("action").asString()).isEqualTo("audit.hash");
    assertThat(entry.get("category").asString()).isEqualTo("data_access");
    assertThat(entry.get("actor").get("id").asString()).isEqualTo(TestApi.ADMIN_CLIENT_ID);
    assertThat(texts(entry.get("details").get("hashes"))).containsExactly(hash);
    assertThat(storedBodies()).noneMatch(body -> body.contains(PASSWORD));
  }

  @Test
  void resendingAnEventWithHashedFieldsIsStillADuplicate() {
    String id = "0190f3e4-5b6a-7c8d-9e0f-a1b2c3d4e5f7";
    String event = event("{\"email\": \"" + EMAIL + "\"}", "[\"actor.ip\"]");
    String withId = event.replaceFirst("\\{", "{\"id\": \"" + id + "\", ");

    Response first = append(batch(withId));
    Response again = append(batch(withId));

    assertThat(first.json().get("events").get(0).get("duplicate").asBoolean()).isFalse();
    assertThat(again.json().get("events").get(0).get("duplicate").asBoolean()).isTrue();
    assertThat(again.json().get("events").get(0).get("index").asLong()).isZero();
    assertThat(ledgerSize()).isEqualTo(1);
  }

  @Test
  void sensitivePathsThatNameNoFieldOrAFieldThatCannotBeMarkedAreRejected() {
    String details = "{\"card\": {\"number\": \"x\"}}";
    assertRejected(append(batch(event(details, "[\"details.card.nubmer\"]"))), "[0]");
    assertRejected(
        append(batch(event(details, null), event(details, "[\"actor.ip\", \"actor.id\"]"))),
        "events[1].sensitive[1]");
    assertRejected(append(batch(event(details, "[\"category\"]"))), "[0]");
    assertRejected(append(batch(event(details, "[\"details\"]"))), "[0]");
    assertRejected(append(batch(event(details, "[\"details.card number\"]"))), "[0]");
    assertRejected(append(batch(event(details, "[\"actor.ip\", 7]"))), "[1]");
    assertRejected(append(batch(event(details, "\"actor.ip\""))), "events[0].sensitive");
    String tooMany =
        IntStream.rangeClosed(0, AuditEvent.MAX_SENSITIVE)
            .mapToObj(i -> "\"actor.ip\"")
            .collect(Collectors.joining(", ", "[", "]"));
    assertRejected(append(batch(event(details, tooMany))), "events[0].sensitive");
    assertThat(ledgerSize()).isZero();
  }

  @Test
  void badHashRequestsAreRejectedNamingTheField() {
    assertProblem(hashRequest("{}"), 400, INVALID_FIELD, "value");
    assertProblem(hashRequest("{\"value\": null}"), 400, INVALID_FIELD, "value");
    assertProblem(hashRequest("{\"value\": 42}"), 400, INVALID_FIELD, "value");
    assertProblem(hashRequest("{\"value\": \"\"}"), 400, INVALID_FIELD, "value");
    assertProblem(
        hashRequest("{\"value\": \"" + "x".repeat(16 * 1024 + 1) + "\"}"),
        400,
        INVALID_FIELD,
        "value");
    assertProblem(
        hashRequest("{\"value\": \"a\", \"values\": [\"b\"]}"), 400, INVALID_FIELD, "value");
    assertProblem(hashRequest("{\"values\": []}"), 400, INVALID_FIELD, "values");
    assertProblem(hashRequest("{\"values\": \"a\"}"), 400, INVALID_FIELD, "values");
    assertProblem(hashRequest("{\"values\": [\"a\", true]}"), 400, INVALID_FIELD, "values[1]");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      many.add("\"v" + i + "\"");
    }
    assertProblem(
        hashRequest("{\"values\": [" + String.join(",", many) + "]}"),
        400,
        INVALID_FIELD,
        "values");
    assertProblem(hashRequest("{\"text\": \"a\"}"), 400, UNKNOWN_FIELD, "text");
    assertThat(hashRequest("{\"value\": \"a\", \"value\": \"b\"}").problemType())
        .isEqualTo(MALFORMED);
    assertThat(hashRequest("[\"a\"]").problemType()).isEqualTo(MALFORMED);
    assertThat(ledgerSize()).isZero();
  }

  @Test
  void hashNeedsTheAuditHashPermission() {
    Response writer =
        api.post(acme.path("/hash"))
            .bearer(acme.writerOnlyToken())
            .json("{\"value\": \"a\"}")
            .send();

    assertProblem(writer, 403, FORBIDDEN, null);
  }

  @Test
  void malformedHashedValueFilterIsRejected() {
    for (String bad :
        List.of("abc", "hmac-sha256:" + "A".repeat(64), "hmac-sha256:" + "a".repeat(63))) {
      Response response =
          api.get(acme.path("/events?hashed_value=" + bad)).bearer(acme.token).send();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.problemType()).isEqualTo(INVALID_PARAMETER);
      assertThat(response.json().get("parameter").asString()).isEqualTo("hashed_value");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String event(String details, String sensitive) {
    return """
    {"occurred_at": "2025-01-31T12:00:00Z", "category": "data_access", "action": "card.read",
     "outcome": "success", "actor": {"type": "user", "id": "u-1", "ip": "192.0.2.7"},
     "details": %s%s}\
    """
        .formatted(details, sensitive == null ? "" : ", \"sensitive\": " + sensitive);
  }

  private Response append(String body) {
    return api.post(acme.path("/events")).bearer(acme.token).json(body).send();
  }

  private Response hashRequest(String body) {
    return api.post(acme.path("/hash")).bearer(acme.token).json(body).send();
  }

  private String hash(String value) {
    Response response =
        hashRequest(
            "{\"value\": "
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value)
                + "}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("hash").asString();
  }

  private JsonNode entry(long index) {
    Response response = api.get(acme.path("/entries/" + index)).bearer(acme.token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("entry");
  }

  private long ledgerSize() {
    return TenantContext.callAs(
        acme.tenant,
        () ->
            jdbc.sql("select count(*) from audit_entries where tenant_id = ?")
                .param(acme.tenant.value())
                .query(Long.class)
                .single());
  }

  /** The stored bodies, read straight from the table. */
  private List<String> storedBodies() {
    return TenantContext.callAs(
        acme.tenant,
        () ->
            jdbc.sql("select body from audit_entries where tenant_id = ?")
                .param(acme.tenant.value())
                .query((row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8))
                .list());
  }

  private static List<String> texts(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }

  private static void assertRejected(Response response, String field) {
    String expected = field.startsWith("[") ? "events[0].sensitive" + field : field;
    assertProblem(response, 400, INVALID_FIELD, expected);
  }

  private static void assertProblem(Response response, int status, String type, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(type);
    if (field != null) {
      assertThat(response.json().get("field").asString()).isEqualTo(field);
    }
  }
}
