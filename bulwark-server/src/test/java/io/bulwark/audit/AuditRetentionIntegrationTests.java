package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batch;
import static io.bulwark.audit.AuditFixtures.batchOf;
import static io.bulwark.audit.AuditFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.ledger.export.ExportVerification;
import io.bulwark.ledger.export.LedgerExportVerifier;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162InclusionProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.SignedNote;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.platform.TenantContext;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestLegalHolds;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention pruning: bodies past retention go, leaf hashes stay, every proof and both verifiers
 * still accept the log, legal holds and the six-year floor of highly sensitive entries keep bodies,
 * and the database still refuses any other change.
 */
@BulwarkIntegrationTest
class AuditRetentionIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path VERIFIER = Path.of("..", "tools", "independent-verifier", "verify.py");

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired TestLegalHolds holds;
  @Autowired AuditLedger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @TempDir Path dir;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void pruningDropsBodiesPastRetentionAndKeepsEveryProofValid() throws Exception {
    append(batchOf(0, 6));
    AuditCheckpoint before = ledger.checkpointNow(acme.tenant);
    recordedYearsAgo(8, "idx < 4");

    JsonNode pruning = prune();

    assertThat(pruning.get("pruned").asLong()).isEqualTo(4);
    assertThat(pruning.get("first_index").asLong()).isZero();
    assertThat(pruning.get("last_index").asLong()).isEqualTo(3);
    assertThat(pruning.get("held").asLong()).isZero();
    assertThat(pruning.get("audit_index").asLong()).isEqualTo(6);

    Response gone = api.get(acme.path("/entries/1")).bearer(acme.token).send();
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.problemType()).isEqualTo(PROBLEMS + "audit-entry-pruned");
    assertThat(gone.json().get("index").asLong()).isEqualTo(1);
    assertThat(gone.body()).doesNotContain("db-password").doesNotContain("u-1");
    AuditCheckpoint after = ledger.checkpointNow(acme.tenant);
    assertThat(after.treeSize()).isEqualTo(7);
    JsonNode prunedProof = get("/proofs/inclusion?index=1&size=7");
    assertThat(gone.json().get("leaf_hash").asString())
        .isEqualTo(prunedProof.get("leaf_hash").asString());
    assertThat(inclusionProof(prunedProof).verify(leafHash(prunedProof), after.rootHash()))
        .isTrue();

    JsonNode kept = get("/entries/4");
    Sha256Hash keptLeaf =
        Rfc9162Hasher.create().leafHash(Rfc8785Canonicalizer.canonicalize(kept.get("entry")));
    assertThat(
            inclusionProof(get("/proofs/inclusion?index=4&size=7"))
                .verify(keptLeaf, after.rootHash()))
        .isTrue();
    JsonNode consistency = get("/proofs/consistency?from=6&to=7");
    assertThat(
            new Rfc9162ConsistencyProof(6, 7, hashes(consistency.get("hashes")))
                .verify(before.rootHash(), after.rootHash()))
        .isTrue();
    assertThat(TlogCheckpoint.parse(SignedNote.parse(before.signedNote()).text()).rootHash())
        .isEqualTo(before.rootHash());

    JsonNode verified = verify();
    assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    assertThat(verified.get("pruned").asLong()).isEqualTo(4);

    List<Long> searched = new ArrayList<>();
    JsonNode items = get("/events?limit=200").get("items");
    items.forEach(item -> searched.add(item.get("index").asLong()));
    assertThat(searched).containsExactly(6L, 5L, 4L);
    JsonNode record = items.get(0).get("entry");
    assertThat(record.get("action").asString()).isEqualTo("audit.pruned");
    assertThat(record.get("category").asString()).isEqualTo("system");
    assertThat(record.get("details").get("count").asLong()).isEqualTo(4);
    assertThat(record.get("details").get("first_index").asLong()).isZero();
    assertThat(record.get("details").get("last_index").asLong()).isEqualTo(3);
    assertThat(record.get("details").get("retention_period").asString()).isEqualTo("P7Y");
  }

  @Test
  void exportWithPrunedEntriesVerifiesOfflineAndIndependentlyAndStillCatchesTampering()
      throws Exception {
    append(batchOf(0, 6));
    recordedYearsAgo(8, "idx in (1, 2, 4)");
    assertThat(prune().get("pruned").asLong()).isEqualTo(3);
    ledger.checkpointNow(acme.tenant);

    Response export = api.get(acme.path("/export")).bearer(acme.token).send();

    assertThat(export.status()).isEqualTo(200);
    List<String> lines = export.body().lines().toList();
    assertThat(lines).hasSize(1 + 7);
    JsonNode prunedLine = JSON.readTree(lines.get(1 + 2));
    assertThat(prunedLine.has("entry")).isFalse();
    assertThat(prunedLine.get("leaf_hash").asString()).isNotEmpty();
    ExportVerification outcome = offline(export.body());
    assertThat(outcome).isInstanceOf(ExportVerification.Intact.class);
    assertThat(((ExportVerification.Intact) outcome).pruned()).isEqualTo(3);
    assertThat(((ExportVerification.Intact) outcome).entries()).isEqualTo(4);
    Path keys = Files.writeString(dir.resolve("keys.txt"), publishedKeys());
    Python intact = python("export", "--vkey", "@" + keys, file("export.jsonl", export.body()));
    assertThat(intact.status()).as(intact.output()).isZero();
    assertThat(intact.output()).contains("(4 with body, 3 pruned)");

    Response csv = api.get(acme.path("/export?format=csv")).bearer(acme.token).send();
    assertThat(csv.status()).isEqualTo(200);
    List<List<String>> rows = AuditCsvExportIntegrationTests.parse(csv.body());
    assertThat(rows.get(1 + 2).subList(0, 4))
        .containsExactly(
            "2", Sha256Hash.fromBase64(prunedLine.get("leaf_hash").asString()).toHex(), "true", "");
    assertThat(rows.get(1 + 2).subList(3, rows.get(0).size())).allMatch(String::isEmpty);
    assertThat(rows.get(1 + 3).get(2)).isEqualTo("false");
    assertThat(csv.body()).doesNotContain("u-2");

    // A pruned line given another entry's leaf hash: no body to re-hash, but the root breaks.
    List<String> swapped = new ArrayList<>(lines);
    String otherHash = JSON.readTree(lines.get(1 + 3)).get("leaf_hash").asString();
    swapped.set(1 + 2, lines.get(1 + 2).replace(prunedLine.get("leaf_hash").asString(), otherHash));
    String swappedExport = String.join("\n", swapped) + "\n";
    assertThat(offline(swappedExport)).isInstanceOf(ExportVerification.Failed.class);
    assertThat(((ExportVerification.Failed) offline(swappedExport)).summary())
        .contains("do not reproduce the checkpoint root hash");
    Python swappedOutcome =
        python("export", "--vkey", "@" + keys, file("swapped.jsonl", swappedExport));
    assertThat(swappedOutcome.status()).as(swappedOutcome.output()).isEqualTo(1);

    // A forged body put back on a pruned line does not hash to the stored leaf hash.
    List<String> forged = new ArrayList<>(lines);
    String forgedEntry = "\"entry\":{\"action\":\"secret.read2\",\"n\":2}}";
    forged.set(1 + 2, lines.get(1 + 2).replaceFirst("}$", "," + forgedEntry));
    String forgedExport = String.join("\n", forged) + "\n";
    ExportVerification forgedOutcome = offline(forgedExport);
    assertThat(forgedOutcome).isInstanceOf(ExportVerification.Failed.class);
    assertThat(((ExportVerification.Failed) forgedOutcome).summary())
        .isEqualTo("FAIL: entry 2: leaf hash does not match");
    Python forgedPython =
        python("export", "--vkey", "@" + keys, file("forged.jsonl", forgedExport));
    assertThat(forgedPython.status()).as(forgedPython.output()).isEqualTo(1);
    assertThat(forgedPython.output()).contains("entry 2: leaf hash does not match");

    // A pruned line removed from the export is still a gap.
    List<String> dropped = new ArrayList<>(lines);
    dropped.remove(1 + 2);
    assertThat(offline(String.join("\n", dropped) + "\n"))
        .isInstanceOf(ExportVerification.Failed.class);
  }

  @Test
  void leafHashOfAPrunedEntryRewrittenInTheDatabaseIsReportedAtItsSubtree() throws SQLException {
    append(batchOf(0, 4));
    ledger.checkpointNow(acme.tenant);
    recordedYearsAgo(8, "idx < 3");
    assertThat(prune().get("pruned").asLong()).isEqualTo(3);
    assertThat(verify().get("intact").asBoolean()).isTrue();

    acme.asOwner(
        owner,
        "update audit_entries set leaf_hash = sha256(leaf_hash) where tenant_id = ? and idx = 1");

    JsonNode verified = verify();
    assertThat(verified.get("intact").asBoolean()).isFalse();
    // Without a body the leaf cannot be re-hashed: the first stored node that no longer matches is
    // the parent of leaves 0 and 1, named by its first entry.
    assertThat(verified.get("first_bad_index").asLong()).isZero();
    assertThat(verified.get("pruned").asLong()).isEqualTo(3);
  }

  @Test
  void legalHoldKeepsTheEntriesItHoldsWhole() {
    append(batchOf(0, 4));
    recordedYearsAgo(8, "true");
    holds.holdActor(acme.tenant, "u-2");

    JsonNode pruning = prune();

    assertThat(pruning.get("pruned").asLong()).isEqualTo(3);
    assertThat(pruning.get("held").asLong()).isEqualTo(1);
    Response held = api.get(acme.path("/entries/2")).bearer(acme.token).send();
    assertThat(held.status()).isEqualTo(200);
    assertThat(held.json().get("entry").get("actor").get("id").asString()).isEqualTo("u-2");
    assertThat(api.get(acme.path("/entries/3")).bearer(acme.token).send().status()).isEqualTo(410);
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void highlySensitiveEntriesAreKeptSixYearsEvenWhenTheTenantKeepsLess() {
    assertThat(putRetention("{\"retention_period\": \"P2Y\"}").status()).isEqualTo(200);
    // Entry 0 records the change of the period; 1 is sensitive, 2 highly sensitive.
    append(batch(event(1), event(2).replace("customer_sensitive", "customer_highly_sensitive")));
    recordedYearsAgo(3, "idx < 3");

    JsonNode first = prune();

    assertThat(first.get("pruned").asLong()).isEqualTo(2);
    assertThat(first.get("last_index").asLong()).isEqualTo(1);
    assertThat(first.get("retained").asLong()).isEqualTo(1);
    assertThat(api.get(acme.path("/entries/2")).bearer(acme.token).send().status()).isEqualTo(200);

    recordedYearsAgo(4, "idx = 2");
    JsonNode second = prune();

    assertThat(second.get("pruned").asLong()).isEqualTo(1);
    assertThat(second.get("first_index").asLong()).isEqualTo(2);
  }

  @Test
  void retentionCountsFromRecordedAtSoAFakedOccurredAtPrunesNothing() {
    append(batch(event(0).replace("2025-01-31T12:00:00Z", "1999-01-01T00:00:00Z")));
    long size = ledger.size(acme.tenant);

    JsonNode pruning = prune();

    assertThat(pruning.get("pruned").asLong()).isZero();
    assertThat(pruning.get("audit_index").isNull()).isTrue();
    assertThat(ledger.size(acme.tenant)).as("nothing pruned, nothing recorded").isEqualTo(size);
    assertThat(api.get(acme.path("/entries/0")).bearer(acme.token).send().status()).isEqualTo(200);
  }

  @Test
  void retentionDefaultsToSevenYearsAndItsChangeIsAudited() {
    JsonNode initial = get("/retention");
    assertThat(initial.get("retention_period").asString()).isEqualTo("P7Y");
    assertThat(initial.get("is_default").asBoolean()).isTrue();
    assertThat(initial.get("floor").asString()).isEqualTo("P1Y");
    assertThat(initial.get("sensitive_floor").asString()).isEqualTo("P6Y");

    Response changed = putRetention("{\"retention_period\": \"P10Y\"}");

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("retention_period").asString()).isEqualTo("P10Y");
    assertThat(get("/retention").get("is_default").asBoolean()).isFalse();
    JsonNode entry = get("/events?action=audit.retention_changed").get("items").get(0).get("entry");
    assertThat(entry.get("category").asString()).isEqualTo("configuration");
    assertThat(entry.get("details").get("from").asString()).isEqualTo("P7Y");
    assertThat(entry.get("details").get("to").asString()).isEqualTo("P10Y");
  }

  @Test
  void badRetentionSettingsAreRejectedWithTheirProblemType() {
    String writer = acme.writerOnlyToken();
    Response belowFloor = putRetention("{\"retention_period\": \"P6M\"}");
    assertProblem(belowFloor, 400, "invalid-field");
    assertThat(belowFloor.json().get("field").asString()).isEqualTo("retention_period");
    assertThat(belowFloor.json().get("detail").asString()).contains("P1Y");

    assertProblem(putRetention("{\"retention_period\": \"P0D\"}"), 400, "invalid-field");
    assertProblem(putRetention("{\"retention_period\": \"P-7Y\"}"), 400, "invalid-field");
    assertProblem(putRetention("{\"retention_period\": \"seven years\"}"), 400, "invalid-field");
    assertProblem(putRetention("{\"retention_period\": \"PT8760H\"}"), 400, "invalid-field");
    assertProblem(putRetention("{\"retention_period\": \"P101Y\"}"), 400, "invalid-field");
    assertProblem(putRetention("{}"), 400, "invalid-field");
    assertProblem(
        putRetention("{\"retention_period\": \"P7Y\", \"legal_hold\": true}"),
        400,
        "unknown-field");
    assertProblem(putRetention("{\"retention_period\": "), 400, "malformed-request");
    assertProblem(
        api.request("PUT", acme.path("/retention"))
            .bearer(writer)
            .json("{\"retention_period\": \"P7Y\"}")
            .send(),
        403,
        "forbidden");
    assertProblem(api.post(acme.path("/prune")).bearer(writer).send(), 403, "forbidden");
    assertThat(get("/retention").get("retention_period").asString()).isEqualTo("P7Y");
  }

  @Test
  void runtimeRoleStillCannotChangeOrDeleteEntriesOutsideThePrunePath() {
    append(batchOf(0, 2));
    for (String sql :
        new String[] {
          "update audit_entries set body = null where tenant_id = ?",
          "update audit_entries set pruned_at = now(), body = null where tenant_id = ?",
          "delete from audit_entries where tenant_id = ?"
        }) {
      assertThatThrownBy(
              () -> asRuntime("select set_config('bulwark.audit_prune', 'on', true)", sql))
          .as(sql)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("permission denied");
    }
    // The prune path itself refuses entries younger than the one-year platform floor.
    List<Long> pruned =
        TenantContext.callAs(
            acme.tenant,
            () ->
                transactions.execute(status ->
                    jdbc.sql(
                            "select audit_prune_entries(?, array[0, 1]::bigint[], now() + interval '9 years')")
                        .param(acme.tenant.value())
                        .query(Long.class)
                        .list()));
    assertThat(pruned).isEmpty();
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void ownerInsideThePruneGuardMayOnlyDropBodies() {
    append(batchOf(0, 2));
    for (String sql :
        new String[] {
          "update audit_entries set action = 'forged.action' where tenant_id = ?",
          "update audit_entries set body = null, pruned_at = now(), action = 'x' where tenant_id = ?",
          "update audit_entries set body = null, pruned_at = now(), leaf_hash = sha256(leaf_hash)"
              + " where tenant_id = ?",
          "delete from audit_entries where tenant_id = ?"
        }) {
      assertThatThrownBy(() -> asOwnerInsidePruneGuard(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void pruneNeedsTheTenantBoundToTheConnection() {
    append(batchOf(0, 1));
    assertThatThrownBy(() ->
            transactions.execute(status ->
                jdbc.sql("select audit_prune_entries(?, array[0]::bigint[], now())")
                    .param(acme.tenant.value())
                    .query(Long.class)
                    .list()))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining("bound to the tenant");
  }

  // ---------------------------------------------------------------- helpers

  private void append(String batch) {
    Response appended = api.post(acme.path("/events")).bearer(acme.token).json(batch).send();
    assertThat(appended.status()).as(appended.body()).isEqualTo(201);
  }

  private JsonNode prune() {
    Response pruned = api.post(acme.path("/prune")).bearer(acme.token).send();
    assertThat(pruned.status()).as(pruned.body()).isEqualTo(200);
    return pruned.json();
  }

  private JsonNode verify() {
    Response verified = api.post(acme.path("/verify")).bearer(acme.token).send();
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    return verified.json();
  }

  private JsonNode get(String path) {
    Response response = api.get(acme.path(path)).bearer(acme.token).send();
    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    return response.json();
  }

  private Response putRetention(String body) {
    return api.request("PUT", acme.path("/retention")).bearer(acme.token).json(body).send();
  }

  private static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
  }

  private static Rfc9162InclusionProof inclusionProof(JsonNode proof) {
    return new Rfc9162InclusionProof(
        proof.get("index").asLong(), proof.get("size").asLong(), hashes(proof.get("hashes")));
  }

  private static Sha256Hash leafHash(JsonNode proof) {
    return Sha256Hash.fromBase64(proof.get("leaf_hash").asString());
  }

  private static List<Sha256Hash> hashes(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> Sha256Hash.fromBase64(node.asString()))
        .toList();
  }

  private String publishedKeys() {
    Response keys = api.get(acme.path("/checkpoint-keys")).bearer(acme.token).send();
    assertThat(keys.status()).isEqualTo(200);
    return keys.body();
  }

  private ExportVerification offline(String export) {
    return new LedgerExportVerifier(
            publishedKeys().lines().map(SignedNoteVerifierKey::parse).toList())
        .verify(new StringReader(export));
  }

  /**
   * Moves {@code recorded_at} of the matching entries into the past, as if they had been recorded
   * then: the test's stand-in for waiting years. Done as the owner with the triggers off.
   */
  private void recordedYearsAgo(int years, String where) {
    try (Connection connection = owner.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local session_replication_role = replica");
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "update audit_entries set recorded_at = recorded_at - make_interval(years => ?)"
                  + " where tenant_id = ? and "
                  + where)) {
        statement.setInt(1, years);
        statement.setObject(2, acme.tenant.value());
        assertThat(statement.executeUpdate()).isPositive();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void asRuntime(String first, String sql) {
    TenantContext.runAs(
        acme.tenant,
        () ->
            transactions.executeWithoutResult(status -> {
              jdbc.sql(first).query().singleRow();
              jdbc.sql(sql).param(acme.tenant.value()).update();
            }));
  }

  private void asOwnerInsidePruneGuard(String sql) throws SQLException {
    try (Connection connection = owner.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local bulwark.audit_prune = 'on'");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setObject(1, acme.tenant.value());
        statement.executeUpdate();
      } finally {
        connection.rollback();
      }
    }
  }

  private String file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8).toString();
  }

  private record Python(int status, String output) {}

  private Python python(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", VERIFIER.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("verify.py finished").isTrue();
    return new Python(process.exitValue(), output);
  }
}
