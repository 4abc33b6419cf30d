package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.ledger.export.ExportVerification;
import io.bulwark.ledger.export.LedgerExportVerifier;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.CheckpointVerification;
import io.bulwark.ledger.note.SignedNote;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpointVerifier;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.io.StringReader;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@BulwarkIntegrationTest
class AuditCheckpointKeyRotationIntegrationTests {

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  AuditFixtures acme;
  String origin;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
    origin = "bulwark.local/t/" + acme.slug + "/audit";
  }

  @Test
  void rotationSignsWithTheNewKeyCrossSignsTheTransitionAndOldCheckpointsStillVerify() {
    append(3);
    String oldNote = ledger.checkpointNow(acme.tenant).signedNote();
    List<String> keysBefore = keys();
    assertThat(keysBefore).hasSize(1);
    SignedNoteVerifierKey oldKey = SignedNoteVerifierKey.parse(keysBefore.getFirst());

    Response rotated = rotate(acme.token);

    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    JsonNode body = rotated.json();
    SignedNoteVerifierKey newKey = SignedNoteVerifierKey.parse(body.get("verifier_key").asString());
    assertThat(body.get("previous_verifier_key").asString()).isEqualTo(keysBefore.getFirst());
    assertThat(newKey.encoded()).isNotEqualTo(oldKey.encoded());
    assertThat(newKey.name()).isEqualTo(origin);
    assertThat(keys()).containsExactly(oldKey.encoded(), newKey.encoded());
    assertThat(body.get("tree_size").asLong()).isEqualTo(4);

    String newNote = checkpointNote();
    assertThat(newNote).isEqualTo(body.get("checkpoint").asString());
    assertThat(new TlogCheckpointVerifier(List.of(newKey)).verify(newNote, origin))
        .isInstanceOf(CheckpointVerification.Verified.class);
    // The transition checkpoint is cross-signed: a verifier that knows only the old key follows.
    assertThat(new TlogCheckpointVerifier(List.of(oldKey)).verify(newNote, origin))
        .isInstanceOf(CheckpointVerification.Verified.class);
    assertThat(SignedNote.parse(newNote).signatures()).hasSize(2);
    CheckpointVerification old =
        new TlogCheckpointVerifier(List.of(oldKey)).verify(oldNote, origin);
    assertThat(old).isInstanceOf(CheckpointVerification.Verified.class);
    assertThat(new TlogCheckpointVerifier(List.of(newKey)).verify(oldNote, origin))
        .isInstanceOf(CheckpointVerification.Rejected.class);

    var oldHead = ((CheckpointVerification.Verified) old).checkpoint();
    var newHead =
        ((CheckpointVerification.Verified)
                new TlogCheckpointVerifier(List.of(newKey)).verify(newNote, origin))
            .checkpoint();
    JsonNode consistency = get("/proofs/consistency?from=3&to=4");
    List<Sha256Hash> hashes =
        StreamSupport.stream(consistency.get("hashes").spliterator(), false)
            .map(node -> Sha256Hash.fromBase64(node.asString()))
            .toList();
    assertThat(
            new Rfc9162ConsistencyProof(3, 4, hashes)
                .verify(oldHead.rootHash(), newHead.rootHash()))
        .isTrue();

    JsonNode entry = get("/entries/3").get("entry");
    assertThat(entry.get("action").asString()).isEqualTo("audit.checkpoint_key_rotated");
    assertThat(entry.get("category").asString()).isEqualTo("security");
    assertThat(entry.get("details").get("verifier_key").asString()).isEqualTo(newKey.encoded());

    String export = api.get(acme.path("/export")).bearer(acme.token).send().body();
    assertThat(new LedgerExportVerifier(List.of(oldKey, newKey)).verify(new StringReader(export)))
        .isInstanceOf(ExportVerification.Intact.class);
  }

  @Test
  void pastTheTransitionWindowOnlyTheNewKeySigns() {
    append(2);
    SignedNoteVerifierKey oldKey = SignedNoteVerifierKey.parse(keys().getFirst());
    SignedNoteVerifierKey newKey =
        SignedNoteVerifierKey.parse(rotate(acme.token).json().get("verifier_key").asString());
    JdbcClient.create(owner)
        .sql(
            "update audit_log_keys set created_at = created_at - interval '2 days'"
                + " where tenant_id = ? and generation = 2")
        .param(acme.tenant.value())
        .update();

    append(1);
    String later = ledger.checkpointNow(acme.tenant).signedNote();

    assertThat(SignedNote.parse(later).signatures()).hasSize(1);
    assertThat(new TlogCheckpointVerifier(List.of(newKey)).verify(later, origin))
        .isInstanceOf(CheckpointVerification.Verified.class);
    assertThat(new TlogCheckpointVerifier(List.of(oldKey)).verify(later, origin))
        .isInstanceOf(CheckpointVerification.Rejected.class);
  }

  @Test
  void everyRotationAddsAKeyAndAllStayPublishedOldestFirst() {
    append(1);
    ledger.checkpointNow(acme.tenant);
    String first = keys().getFirst();

    String second = rotate(acme.token).json().get("verifier_key").asString();
    String third = rotate(acme.token).json().get("verifier_key").asString();

    assertThat(keys()).containsExactly(first, second, third);
    assertThat(
            new TlogCheckpointVerifier(List.of(SignedNoteVerifierKey.parse(third)))
                .verify(checkpointNote(), origin))
        .isInstanceOf(CheckpointVerification.Verified.class);
  }

  @Test
  void rotationOfALogThatNeverSignedMakesItsFirstKeyThenTheNext() {
    Response rotated = rotate(acme.token);

    assertThat(rotated.status()).isEqualTo(200);
    assertThat(keys()).hasSize(2).endsWith(rotated.json().get("verifier_key").asString());
  }

  @Test
  void rotationNeedsKeysRotate() {
    Response denied = rotate(acme.writerOnlyToken());

    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
  }

  private Response rotate(String token) {
    return api.post(acme.path("/checkpoint-keys/rotate")).bearer(token).send();
  }

  private void append(int count) {
    Response appended =
        api.post(acme.path("/events")).bearer(acme.token).json(batchOf(0, count)).send();
    assertThat(appended.status()).isEqualTo(201);
  }

  private List<String> keys() {
    Response keys = api.get(acme.path("/checkpoint-keys")).bearer(acme.token).send();
    assertThat(keys.status()).isEqualTo(200);
    return keys.body().lines().toList();
  }

  private String checkpointNote() {
    ledger.checkpointNow(acme.tenant);
    Response note = api.get(acme.path("/checkpoint")).bearer(acme.token).send();
    assertThat(note.status()).isEqualTo(200);
    return note.body();
  }

  private JsonNode get(String path) {
    Response response = api.get(acme.path(path)).bearer(acme.token).send();
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
