package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batch;
import static io.bulwark.audit.AuditFixtures.batchOf;
import static io.bulwark.audit.AuditFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162InclusionProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.CheckpointVerification;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.ledger.note.TlogCheckpointVerifier;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@BulwarkIntegrationTest
class AuditApiIntegrationTests {

  private static final String INVALID_FIELD = "https://bulwark.io/problems/invalid-field";
  private static final String UNKNOWN_FIELD = "https://bulwark.io/problems/unknown-field";
  private static final String INVALID_PARAMETER = "https://bulwark.io/problems/invalid-parameter";
  private static final String MALFORMED = "https://bulwark.io/problems/malformed-request";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void appendedBatchIsAnsweredWithConsecutiveIndexesAfterCommit() {
    Response appended = append(batchOf(0, 3));

    assertThat(appended.status()).isEqualTo(201);
    JsonNode events = appended.json().get("events");
    assertThat(events).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(events.get(i).get("index").asLong()).isEqualTo(i);
      assertThat(UUID.fromString(events.get(i).get("id").asString()).version()).isEqualTo(7);
    }
    assertThat(ledger.size(acme.tenant)).isEqualTo(3);
  }

  @Test
  void resendingAnEventWithTheSameIdReturnsItsIndexWithoutDuplicatingIt() {
    String id = "0190f3e4-5b6a-7c8d-9e0f-a1b2c3d4e5f6";
    String withId = event(1).replaceFirst("\\{", "{\"id\": \"" + id + "\", ");
    append(batchOf(0, 2));

    Response first = append(batch(withId));
    Response again = append(batch(event(5), withId, withId));

    assertThat(first.json().get("events").get(0).get("index").asLong()).isEqualTo(2);
    JsonNode receipts = again.json().get("events");
    assertThat(again.status()).isEqualTo(201);
    assertThat(receipts.get(0).get("index").asLong()).isEqualTo(3);
    assertThat(receipts.get(1).get("id").asString()).isEqualTo(id);
    assertThat(receipts.get(1).get("index").asLong()).isEqualTo(2);
    assertThat(receipts.get(1).get("duplicate").asBoolean()).isTrue();
    assertThat(receipts.get(2).get("index").asLong()).isEqualTo(2);
    assertThat(ledger.size(acme.tenant)).isEqualTo(4);
    // The first attempt of that append, undone when the re-sent id was found, left nothing behind.
    assertThat(append(batch(event(6))).json().get("events").get(0).get("index").asLong())
        .isEqualTo(4);
    assertThat(ledger.verify(acme.tenant, null, null).intact()).isTrue();
  }

  @Test
  void storedEntryCanonicalizesToTheLeafDataThatWasHashed() {
    append(batchOf(0, 3));

    Response entry = api.get(acme.path("/entries/1")).bearer(acme.token).send();
    Response proof =
        api.get(acme.path("/proofs/inclusion?index=1&size=3")).bearer(acme.token).send();

    assertThat(entry.status()).isEqualTo(200);
    JsonNode body = entry.json().get("entry");
    assertThat(body.get("action").asString()).isEqualTo("secret.read1");
    assertThat(body.get("recorded_at").asString()).isNotBlank();
    assertThat(body.get("break_glass").asBoolean()).isFalse();
    byte[] leafData = Rfc8785Canonicalizer.canonicalize(body);
    assertThat(Rfc9162Hasher.create().leafHash(leafData).toBase64())
        .isEqualTo(proof.json().get("leaf_hash").asString());
  }

  @Test
  void inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() {
    append(batchOf(0, 3));
    SignedNoteVerifierKey key = publishedKey();
    TlogCheckpoint first = verifiedCheckpoint(key, fetchCheckpoint());
    append(batchOf(3, 4));
    ledger.checkpointNow(acme.tenant);
    TlogCheckpoint second = verifiedCheckpoint(key, fetchCheckpoint());
    assertThat(first.treeSize()).isEqualTo(3);
    assertThat(second.treeSize()).isEqualTo(7);
    assertThat(first.origin()).isEqualTo("bulwark.local/t/" + acme.slug + "/audit");

    Response inclusion =
        api.get(acme.path("/proofs/inclusion?index=5&size=7")).bearer(acme.token).send();
    Response entry = api.get(acme.path("/entries/5")).bearer(acme.token).send();
    Response consistency =
        api.get(acme.path("/proofs/consistency?from=3&to=7")).bearer(acme.token).send();

    assertThat(inclusion.status()).isEqualTo(200);
    Sha256Hash leafHash =
        Rfc9162Hasher.create()
            .leafHash(Rfc8785Canonicalizer.canonicalize(entry.json().get("entry")));
    var inclusionProof = new Rfc9162InclusionProof(5, 7, hashes(inclusion.json()));
    assertThat(inclusionProof.verify(leafHash, second.rootHash())).isTrue();
    assertThat(inclusionProof.verify(leafHash, first.rootHash())).isFalse();

    assertThat(consistency.status()).isEqualTo(200);
    var consistencyProof = new Rfc9162ConsistencyProof(3, 7, hashes(consistency.json()));
    assertThat(consistencyProof.verify(first.rootHash(), second.rootHash())).isTrue();
  }

  @Test
  void checkpointIsServedAsTheExactSignedNote() {
    append(batchOf(0, 2));

    Response checkpoint = api.get(acme.path("/checkpoint")).bearer(acme.token).send();

    assertThat(checkpoint.status()).isEqualTo(200);
    assertThat(checkpoint.header("Content-Type")).startsWith("text/plain");
    assertThat(checkpoint.body())
        .startsWith("bulwark.local/t/" + acme.slug + "/audit\n2\n")
        .contains("\n\n\u2014 bulwark.local/t/" + acme.slug + "/audit ");
  }

  @Test
  void emptyLogHasASignedCheckpointOfSizeZero() {
    SignedNoteVerifierKey key = publishedKey();

    TlogCheckpoint empty = verifiedCheckpoint(key, fetchCheckpoint());

    assertThat(empty.treeSize()).isZero();
    assertThat(empty.rootHash()).isEqualTo(Rfc9162Hasher.create().emptyRoot());
  }

  @Test
  void batchWithOneBadEventIsRejectedNamingTheFieldAndStoresNothing() {
    String bad = event(2).replace("\"data_access\"", "\"gossip\"");

    Response rejected = append(batch(event(0), event(1), bad));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.problemType()).isEqualTo(INVALID_FIELD);
    assertThat(rejected.json().get("field").asString()).isEqualTo("events[2].category");
    assertThat(ledger.size(acme.tenant)).isZero();
  }

  @Test
  void everyBadEventFieldIsRejectedWithItsName() {
    assertRejected(
        event(0).replace("secret.read0", "SecretRead"), INVALID_FIELD, "events[0].action");
    assertRejected(
        event(0).replace("\"success\"", "\"maybe\""), INVALID_FIELD, "events[0].outcome");
    assertRejected(
        event(0).replace("\"type\": \"user\"", "\"type\": \"robot\""),
        INVALID_FIELD,
        "events[0].actor.type");
    assertRejected(
        event(0).replace("\"2025-01-31T12:00:00Z\"", "\"yesterday\""),
        INVALID_FIELD,
        "events[0].occurred_at");
    assertRejected(
        event(0).replace("\"customer_sensitive\"", "\"secret\""),
        INVALID_FIELD,
        "events[0].classification");
    assertRejected(
        event(0).replace("\"192.0.2.7\"", "\"not-an-address\""),
        INVALID_FIELD,
        "events[0].actor.ip");
    assertRejected(
        event(0)
            .replace("\"details\": {", "\"details\": {\"blob\": \"" + "x".repeat(17_000) + "\", "),
        INVALID_FIELD,
        "events[0].details");
    assertRejected(
        event(0)
            .replace(
                "\"details\": {\"n\": 0, \"ratio\": 0.5, \"tags\": [\"a\", \"b\"]}",
                "\"details\": [1]"),
        INVALID_FIELD,
        "events[0].details");
    assertRejected(
        event(0).replaceFirst("\\{", "{\"id\": \"not-a-uuid\", "), INVALID_FIELD, "events[0].id");
    assertRejected(
        event(0).replaceFirst("\\{", "{\"break_glass\": \"yes\", "),
        INVALID_FIELD,
        "events[0].break_glass");
    assertRejected(
        event(0).replaceFirst("\\{", "{\"colour\": \"red\", "), UNKNOWN_FIELD, "events[0].colour");
    String withoutActor = event(0).replaceAll("\"actor\": \\{[^}]*\\},", "");
    assertRejected(withoutActor, INVALID_FIELD, "events[0].actor");
    assertThat(ledger.size(acme.tenant)).isZero();
  }

  @Test
  void emptyOrOversizedBatchesAreRejected() {
    Response empty =
        api.post(acme.path("/events")).bearer(acme.token).json("{\"events\": []}").send();
    Response missing = api.post(acme.path("/events")).bearer(acme.token).json("{}").send();
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add("{}");
    }
    Response tooMany = append(batch(many.toArray(String[]::new)));

    for (Response response : List.of(empty, missing, tooMany)) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.problemType()).isEqualTo(INVALID_FIELD);
      assertThat(response.json().get("field").asString()).isEqualTo("events");
    }
  }

  @Test
  void duplicateMembersAndBrokenJsonAreMalformed() {
    Response duplicate =
        append(batch(event(0).replaceFirst("\\{", "{\"action\": \"secret.write\", ")));
    Response broken =
        api.post(acme.path("/events")).bearer(acme.token).json("{\"events\": [").send();

    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.problemType()).isEqualTo(MALFORMED);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.problemType()).isEqualTo(MALFORMED);
  }

  @Test
  void writerOfOneTenantCannotWriteIntoAnotherTenantsLog() {
    AuditFixtures globex = AuditFixtures.tenantWithAuditClients(api, clients);

    Response crossTenant =
        api.post(globex.path("/events")).bearer(acme.writerOnlyToken()).json(batchOf(0, 1)).send();

    assertThat(crossTenant.status()).isEqualTo(403);
    assertThat(crossTenant.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
    assertThat(ledger.size(globex.tenant)).isZero();
  }

  @Test
  void writerCanNeitherReadNorVerifyAndReaderCannotWrite() {
    append(batchOf(0, 1));
    String writer = acme.writerOnlyToken();
    String reader = acme.tenantAdminToken();

    assertThat(api.get(acme.path("/entries/0")).bearer(writer).send().status()).isEqualTo(403);
    assertThat(api.get(acme.path("/events")).bearer(writer).send().status()).isEqualTo(403);
    assertThat(api.post(acme.path("/verify")).bearer(writer).send().status()).isEqualTo(403);
    assertThat(api.get(acme.path("/entries/0")).bearer(reader).send().status()).isEqualTo(200);
    assertThat(api.post(acme.path("/events")).bearer(reader).json(batchOf(1, 1)).send().status())
        .isEqualTo(403);
    assertThat(api.get(acme.path("/checkpoint")).send().status()).isEqualTo(401);
  }

  @Test
  void unknownTenantIsNotFound() {
    Response response =
        api.get("/api/v1/tenants/" + TestTenants.acme().slug() + "/audit/checkpoint")
            .bearer(api.adminToken())
            .send();
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.problemType()).isEqualTo("https://bulwark.io/problems/tenant-not-found");
  }

  @Test
  void badProofAndEntryParametersAreRejectedNamingTheParameter() {
    append(batchOf(0, 3));

    assertBadParameter("/proofs/inclusion?index=3&size=3", "index");
    assertBadParameter("/proofs/inclusion?index=-1&size=3", "index");
    assertBadParameter("/proofs/inclusion?index=0&size=4", "size");
    assertBadParameter("/proofs/inclusion?index=0&size=0", "size");
    assertBadParameter("/proofs/inclusion?index=abc&size=3", "index");
    assertBadParameter("/proofs/inclusion?size=3", "index");
    assertBadParameter("/proofs/consistency?from=3&to=2", "from");
    assertBadParameter("/proofs/consistency?from=1&to=4", "to");
    // A size beyond the log is named first, whatever else is wrong.
    assertBadParameter("/proofs/inclusion?index=9&size=5", "size");
    assertBadParameter("/proofs/consistency?from=9&to=5", "to");
    assertBadParameter("/proofs/consistency?from=0&to=-1", "to");
    assertBadParameter("/proofs/consistency?from=x&to=2", "from");
    assertBadParameter("/entries/abc", "index");
    assertBadParameter("/entries/-1", "index");
    assertBadParameter("/events?limit=201", "limit");
    assertBadParameter("/events?category=gossip", "category");
    assertBadParameter("/events?from=yesterday", "from");
    assertBadParameter("/events?break_glass=maybe", "break_glass");
    assertBadParameter("/events?cursor=!!!", "cursor");

    Response unknown = api.get(acme.path("/entries/3")).bearer(acme.token).send();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo("https://bulwark.io/problems/not-found");
  }

  @Test
  void badVerifyRangeIsRejectedNamingTheField() {
    append(batchOf(0, 2));

    Response tooFar = api.post(acme.path("/verify")).bearer(acme.token).json("{\"to\": 3}").send();
    Response reversed =
        api.post(acme.path("/verify")).bearer(acme.token).json("{\"from\": 2, \"to\": 1}").send();

    assertThat(tooFar.status()).isEqualTo(400);
    assertThat(tooFar.problemType()).isEqualTo(INVALID_FIELD);
    assertThat(tooFar.json().get("field").asString()).isEqualTo("to");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("field").asString()).isEqualTo("from");
  }

  @Test
  void searchFiltersAndPagesNewestFirst() {
    append(batchOf(0, 5));
    String breakGlass =
        event(9)
            .replaceFirst("\\{", "{\"break_glass\": true, \"justification\": \"incident 42\", ");
    append(batch(breakGlass));

    Response all = search("?limit=2");
    Response next = search("?limit=2&cursor=" + all.json().get("next_cursor").asString());
    Response byActor = search("?actor_id=u-3");
    Response byBreakGlass = search("?break_glass=true");
    Response byTime = search("?from=2025-01-31T12:00:02Z&to=2025-01-31T12:00:04Z");
    Response byCategory = search("?category=security");

    assertThat(indexes(all)).containsExactly(5L, 4L);
    assertThat(indexes(next)).containsExactly(3L, 2L);
    assertThat(indexes(byActor)).containsExactly(3L);
    assertThat(indexes(byBreakGlass)).containsExactly(5L);
    assertThat(indexes(byTime)).containsExactly(3L, 2L);
    assertThat(indexes(byCategory)).isEmpty();
    assertThat(byBreakGlass.json().get("items").get(0).get("entry").get("justification").asString())
        .isEqualTo("incident 42");
  }

  @Test
  void searchByOutcomeFindsSuccessesFailuresAndDenialsAlike() {
    append(batchOf(0, 2));
    append(
        batch(
            event(7).replace("\"success\"", "\"failure\""),
            event(8).replace("\"success\"", "\"denied\"")));

    // Repeated past the driver's prepare threshold, so the server's generic plans answer too.
    for (int i = 0; i < 7; i++) {
      assertThat(indexes(search("?outcome=success"))).containsExactly(1L, 0L);
      assertThat(indexes(search("?outcome=failure"))).containsExactly(2L);
      assertThat(indexes(search("?outcome=denied&limit=5"))).containsExactly(3L);
    }
  }

  private Response append(String body) {
    return api.post(acme.path("/events")).bearer(acme.token).json(body).send();
  }

  private Response search(String query) {
    Response response = api.get(acme.path("/events" + query)).bearer(acme.token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response;
  }

  private static List<Long> indexes(Response page) {
    return StreamSupport.stream(page.json().get("items").spliterator(), false)
        .map(item -> item.get("index").asLong())
        .toList();
  }

  private void assertRejected(String event, String type, String field) {
    Response response = append(batch(event));
    assertThat(response.status()).as(field + ": " + response).isEqualTo(400);
    assertThat(response.problemType()).as(field).isEqualTo(type);
    assertThat(response.json().get("field").asString()).isEqualTo(field);
  }

  private void assertBadParameter(String path, String parameter) {
    Response response = api.get(acme.path(path)).bearer(acme.token).send();
    assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
    assertThat(response.problemType()).as(path).isEqualTo(INVALID_PARAMETER);
    assertThat(response.json().get("parameter").asString()).as(path).isEqualTo(parameter);
  }

  private String fetchCheckpoint() {
    Response checkpoint = api.get(acme.path("/checkpoint")).bearer(acme.token).send();
    assertThat(checkpoint.status()).isEqualTo(200);
    return checkpoint.body();
  }

  private SignedNoteVerifierKey publishedKey() {
    Response keys = api.get(acme.path("/checkpoint-keys")).bearer(acme.token).send();
    assertThat(keys.status()).isEqualTo(200);
    List<String> lines = keys.body().lines().toList();
    assertThat(lines).hasSize(1);
    return SignedNoteVerifierKey.parse(lines.getFirst());
  }

  private TlogCheckpoint verifiedCheckpoint(SignedNoteVerifierKey key, String note) {
    CheckpointVerification verification =
        new TlogCheckpointVerifier(List.of(key))
            .verify(note, "bulwark.local/t/" + acme.slug + "/audit");
    assertThat(verification).isInstanceOf(CheckpointVerification.Verified.class);
    return ((CheckpointVerification.Verified) verification).checkpoint();
  }

  private static List<Sha256Hash> hashes(JsonNode proof) {
    return StreamSupport.stream(proof.get("hashes").spliterator(), false)
        .map(hash -> Sha256Hash.fromBase64(hash.asString()))
        .toList();
  }
}
