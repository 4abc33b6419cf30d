package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.ledger.cli.LedgerCli;
import io.bulwark.ledger.export.ExportVerification;
import io.bulwark.ledger.export.LedgerExportVerifier;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BulwarkIntegrationTest
class AuditExportIntegrationTests {

  private static final String INVALID_PARAMETER = "https://bulwark.io/problems/invalid-parameter";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;
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
  void wholeLogExportIsStreamedAsJsonLinesThatTheOfflineVerifierFindsIntact() throws IOException {
    appendAndCheckpoint(7);

    Response export = export("");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
    assertThat(export.header("Content-Disposition"))
        .startsWith("attachment")
        .contains(acme.slug + "-audit-0-7.jsonl");
    List<String> lines = export.body().lines().toList();
    assertThat(lines).hasSize(8);
    JsonNode header = JSON.readTree(lines.getFirst());
    assertThat(header.get("format").asString()).isEqualTo("bulwark-ledger-export");
    assertThat(header.get("origin").asString())
        .isEqualTo("bulwark.local/t/" + acme.slug + "/audit");
    assertThat(header.get("tenant").asString()).isEqualTo(acme.slug);
    assertThat(header.get("tree_size").asLong()).isEqualTo(7);
    assertThat(header.get("begin").asLong()).isZero();
    assertThat(header.get("end").asLong()).isEqualTo(7);
    assertThat(header.get("verifier_keys").get(0).asString()).isEqualTo(publishedKey());
    JsonNode third = JSON.readTree(lines.get(3));
    assertThat(third.get("index").asLong()).isEqualTo(2);
    assertThat(third.get("entry").get("action").asString()).isEqualTo("secret.read2");

    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, export.body(), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        LedgerCli.run(
            new String[] {"verify", "--key", publishedKey(), file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("OK: bulwark.local/t/" + acme.slug + "/audit (tenant " + acme.slug + ")")
        .contains("entries 0..6 of tree size 7");
    assertThat(status).isEqualTo(LedgerCli.OK);
  }

  @Test
  void bodyAlteredInTheExportedTextIsNamedByTheVerifierAtItsIndex() {
    appendAndCheckpoint(6);
    List<String> lines = new ArrayList<>(export("").body().lines().toList());

    lines.set(4, lines.get(4).replace("secret.read3", "secret.read9"));
    ExportVerification outcome = verify(String.join("\n", lines) + "\n");

    assertThat(outcome).isInstanceOf(ExportVerification.Failed.class);
    ExportVerification.Failed failed = (ExportVerification.Failed) outcome;
    assertThat(failed.firstBadIndex()).isEqualTo(OptionalLong.of(3));
    assertThat(failed.summary()).isEqualTo("FAIL: entry 3: leaf hash does not match");
  }

  @Test
  void partialRangeExportCarriesItsRangeProofAndVerifiesAsIntact() {
    appendAndCheckpoint(11);

    Response export = export("?from=3&to=8");

    assertThat(export.status()).isEqualTo(200);
    List<String> lines = export.body().lines().toList();
    assertThat(lines).hasSize(6);
    JsonNode header = JSON.readTree(lines.getFirst());
    assertThat(header.get("begin").asLong()).isEqualTo(3);
    assertThat(header.get("end").asLong()).isEqualTo(8);
    assertThat(header.get("tree_size").asLong()).isEqualTo(11);
    assertThat(header.get("range_proof").get("left")).isNotEmpty();
    assertThat(header.get("range_proof").get("right")).isNotEmpty();
    ExportVerification outcome = verify(export.body());
    assertThat(outcome).isInstanceOf(ExportVerification.Intact.class);
    ExportVerification.Intact intact = (ExportVerification.Intact) outcome;
    assertThat(intact.begin()).isEqualTo(3);
    assertThat(intact.end()).isEqualTo(8);
    assertThat(intact.entries()).isEqualTo(5);
  }

  @Test
  void exportSpanningSeveralDatabasePagesVerifiesAsIntact() {
    for (int first = 0; first < 2_400; first += 800) {
      assertThat(append(batchOf(first, 800)).status()).isEqualTo(201);
    }
    ledger.checkpointNow(acme.tenant);

    Response export = export("?from=5");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().lines().count()).isEqualTo(1 + 2_395);
    assertThat(verify(export.body())).isInstanceOf(ExportVerification.Intact.class);
  }

  @Test
  void exportOfAnEmptyLogIsAHeaderThatVerifies() {
    ledger.checkpointNow(acme.tenant);

    Response export = export("");

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().lines().count()).isEqualTo(1);
    assertThat(verify(export.body())).isInstanceOf(ExportVerification.Intact.class);
  }

  @Test
  void exportEndsAtTheLatestSignedCheckpointByDefault() {
    appendAndCheckpoint(4);
    append(batchOf(4, 3));

    Response export = export("");

    JsonNode header = JSON.readTree(export.body().lines().findFirst().orElseThrow());
    long signed = header.get("tree_size").asLong();
    assertThat(signed).isIn(4L, 7L);
    assertThat(header.get("end").asLong()).isEqualTo(signed);
    assertThat(export.body().lines().count()).isEqualTo(1 + signed);
    assertThat(verify(export.body())).isInstanceOf(ExportVerification.Intact.class);
  }

  @Test
  void bodyAlteredInTheDatabaseIsExportedWithItsStoredLeafHashAndNamedAtItsIndex()
      throws SQLException {
    appendAndCheckpoint(6);
    acme.asOwner(
        owner,
        "update audit_entries set body = convert_to(replace(convert_from(body, 'UTF8'),"
            + " 'db-password', 'db-passw0rd'), 'UTF8') where tenant_id = ? and idx = 4");

    Response export = export("");

    assertThat(export.status()).isEqualTo(200);
    ExportVerification outcome = verify(export.body());
    assertThat(outcome).isInstanceOf(ExportVerification.Failed.class);
    assertThat(((ExportVerification.Failed) outcome).firstBadIndex()).isEqualTo(OptionalLong.of(4));
  }

  @Test
  void deletedRowFoundBeforeAnythingIsSentIsAnsweredAsADamagedLog() throws SQLException {
    appendAndCheckpoint(6);
    acme.asOwner(owner, "delete from audit_entries where tenant_id = ? and idx = 2");

    Response export = export("");

    assertThat(export.status()).isEqualTo(500);
    assertThat(export.problemType()).isEqualTo("https://bulwark.io/problems/audit-log-damaged");
    assertThat(export.header("Content-Type")).startsWith("application/problem+json");
    assertThat(export.header("Content-Disposition")).isNull();
  }

  @Test
  void badRangeParametersAreRejectedNamingTheParameter() {
    appendAndCheckpoint(5);

    assertInvalidParameter("?from=abc", "from");
    assertInvalidParameter("?to=1x", "to");
    assertInvalidParameter("?from=-1", "from");
    assertInvalidParameter("?to=-2", "to");
    assertInvalidParameter("?from=4&to=2", "from");
    assertInvalidParameter("?to=6", "to");
    assertInvalidParameter("?from=6", "from");
  }

  @Test
  void exportNeedsAuditReadPermission() {
    appendAndCheckpoint(2);

    Response export = api.get(acme.path("/export")).bearer(acme.writerOnlyToken()).send();

    assertThat(export.status()).isEqualTo(403);
    assertThat(export.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
  }

  private void assertInvalidParameter(String query, String parameter) {
    Response rejected = export(query);
    assertThat(rejected.status()).as(query).isEqualTo(400);
    assertThat(rejected.problemType()).as(query).isEqualTo(INVALID_PARAMETER);
    assertThat(rejected.json().get("parameter").asString()).as(query).isEqualTo(parameter);
  }

  private void appendAndCheckpoint(int count) {
    assertThat(append(batchOf(0, count)).status()).isEqualTo(201);
    assertThat(ledger.checkpointNow(acme.tenant).treeSize()).isEqualTo(count);
  }

  private Response append(String batch) {
    return api.post(acme.path("/events")).bearer(acme.token).json(batch).send();
  }

  private Response export(String query) {
    return api.get(acme.path("/export" + query)).bearer(acme.token).send();
  }

  private String publishedKey() {
    Response keys = api.get(acme.path("/checkpoint-keys")).bearer(acme.token).send();
    assertThat(keys.status()).isEqualTo(200);
    return keys.body().lines().findFirst().orElseThrow();
  }

  private ExportVerification verify(String export) {
    return new LedgerExportVerifier(List.of(SignedNoteVerifierKey.parse(publishedKey())))
        .verify(new StringReader(export));
  }
}
