package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Checks what the API publishes with {@code tools/independent-verifier/verify.py}: a pure-Python
 * RFC 8785 / RFC 9162 / C2SP / RFC 8032 implementation sharing no code with the server. Needs
 * {@code python3} on the PATH; without it the test fails rather than skips, so a build that cannot
 * run it does not pass silently.
 */
@BulwarkIntegrationTest
class AuditIndependentVerifierIntegrationTests {

  private static final Path VERIFIER = Path.of("..", "tools", "independent-verifier", "verify.py");

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;
  @TempDir Path dir;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void independentVerifierPassesItsOwnKnownAnswerTests() throws Exception {
    assertThat(run("selftest").status()).isZero();
  }

  @Test
  void checkpointInclusionAndConsistencyProofsFromTheApiVerifyIndependently() throws Exception {
    Path keys = write("keys.txt", get("/checkpoint-keys"));
    append(0, 3);
    ledger.checkpointNow(acme.tenant);
    Path oldNote = write("old.note", get("/checkpoint"));
    append(3, 6);
    ledger.checkpointNow(acme.tenant);
    Path newNote = write("new.note", get("/checkpoint"));
    Path entry = write("entry.json", get("/entries/5"));
    Path inclusion = write("inclusion.json", get("/proofs/inclusion?index=5&size=9"));
    Path consistency = write("consistency.json", get("/proofs/consistency?from=3&to=9"));
    Path export = write("export.jsonl", get("/export?from=2&to=7"));
    String origin = "bulwark.local/t/" + acme.slug + "/audit";

    Outcome checkpoint =
        run("checkpoint", "--vkey", "@" + keys, "--origin", origin, "--note", newNote.toString());
    Outcome included =
        run(
            "inclusion",
            "--vkey",
            "@" + keys,
            "--leaf-entry",
            entry.toString(),
            "--proof",
            inclusion.toString(),
            "--checkpoint",
            newNote.toString());
    Outcome consistent =
        run(
            "consistency",
            "--vkey",
            "@" + keys,
            "--old",
            oldNote.toString(),
            "--new",
            newNote.toString(),
            "--proof",
            consistency.toString());
    Outcome exported = run("export", "--vkey", "@" + keys, export.toString());

    assertThat(checkpoint.status()).as(checkpoint.output()).isZero();
    assertThat(checkpoint.output()).contains("size 9");
    assertThat(included.status()).as(included.output()).isZero();
    assertThat(consistent.status()).as(consistent.output()).isZero();
    assertThat(exported.status()).as(exported.output()).isZero();
    assertThat(exported.output()).contains("entries 2..6 of tree size 9");
  }

  @Test
  void aFlippedByteInAnyInputMakesTheIndependentVerifierFail() throws Exception {
    Path keys = write("keys.txt", get("/checkpoint-keys"));
    append(0, 5);
    ledger.checkpointNow(acme.tenant);
    Path oldNote = write("old.note", get("/checkpoint"));
    append(5, 3);
    ledger.checkpointNow(acme.tenant);
    String note = get("/checkpoint");
    String entry = get("/entries/6");
    String inclusion = get("/proofs/inclusion?index=6&size=8");
    String consistency = get("/proofs/consistency?from=5&to=8");
    String export = get("/export");
    Path newNote = write("new.note", note);
    assertThat(run("export", "--vkey", "@" + keys, write("ok.jsonl", export).toString()).status())
        .isZero();
    assertThat(inclusionOutcome(keys, entry, inclusion, newNote).status()).isZero();
    assertThat(consistencyOutcome(keys, oldNote, newNote, consistency).status()).isZero();

    Outcome alteredEntry =
        inclusionOutcome(keys, entry.replace("secret.read6", "secret.read7"), inclusion, newNote);
    Outcome alteredPath = inclusionOutcome(keys, entry, flipFirstProofHash(inclusion), newNote);
    Outcome alteredConsistency =
        consistencyOutcome(keys, oldNote, newNote, flipFirstProofHash(consistency));
    Path forged = write("forged.note", flipSignatureByte(note));
    Outcome forgedCheckpoint = run("checkpoint", "--vkey", "@" + keys, "--note", forged.toString());
    Path rewritten = write("rewritten.note", note.replaceFirst("\n8\n", "\n9\n"));
    Outcome rewrittenCheckpoint =
        run("checkpoint", "--vkey", "@" + keys, "--note", rewritten.toString());

    Path alteredExportFile = write("altered.jsonl", export.replace("secret.read6", "secret.read7"));
    Outcome alteredExport = run("export", "--vkey", "@" + keys, alteredExportFile.toString());

    assertThat(alteredExport.status()).as(alteredExport.output()).isEqualTo(1);
    assertThat(alteredExport.output()).contains("entry 6: leaf hash does not match");
    assertThat(alteredEntry.status()).as(alteredEntry.output()).isEqualTo(1);
    assertThat(alteredEntry.output()).startsWith("FAIL:");
    assertThat(alteredPath.status()).as(alteredPath.output()).isEqualTo(1);
    assertThat(alteredConsistency.status()).as(alteredConsistency.output()).isEqualTo(1);
    assertThat(forgedCheckpoint.status()).as(forgedCheckpoint.output()).isEqualTo(1);
    assertThat(rewrittenCheckpoint.status()).as(rewrittenCheckpoint.output()).isEqualTo(1);
    assertThat(rewrittenCheckpoint.output()).contains("does not verify");
  }

  private Outcome inclusionOutcome(Path keys, String entry, String proof, Path note)
      throws Exception {
    return run(
        "inclusion",
        "--vkey",
        "@" + keys,
        "--leaf-entry",
        write("entry-under-test.json", entry).toString(),
        "--proof",
        write("inclusion-under-test.json", proof).toString(),
        "--checkpoint",
        note.toString());
  }

  private Outcome consistencyOutcome(Path keys, Path oldNote, Path newNote, String proof)
      throws Exception {
    return run(
        "consistency",
        "--vkey",
        "@" + keys,
        "--old",
        oldNote.toString(),
        "--new",
        newNote.toString(),
        "--proof",
        write("consistency-under-test.json", proof).toString());
  }

  /** Flips the low bit of the first byte of the first hash in {@code "hashes"}. */
  private static String flipFirstProofHash(String proof) {
    int start = proof.indexOf("\"hashes\":[\"") + "\"hashes\":[\"".length();
    int end = proof.indexOf('"', start);
    assertThat(start).isGreaterThan(10);
    byte[] hash = Base64.getDecoder().decode(proof.substring(start, end));
    hash[0] ^= 1;
    return proof.substring(0, start)
        + Base64.getEncoder().encodeToString(hash)
        + proof.substring(end);
  }

  /** Flips one bit inside the Ed25519 signature of the note's (only) signature line. */
  private static String flipSignatureByte(String note) {
    int lineStart = note.lastIndexOf("\n\u2014 ") + 1;
    int start = note.lastIndexOf(' ') + 1;
    assertThat(start).isGreaterThan(lineStart);
    byte[] signature = Base64.getDecoder().decode(note.substring(start, note.length() - 1));
    signature[10] ^= 1;
    return note.substring(0, start) + Base64.getEncoder().encodeToString(signature) + "\n";
  }

  private void append(int first, int count) {
    Response appended =
        api.post(acme.path("/events")).bearer(acme.token).json(batchOf(first, count)).send();
    assertThat(appended.status()).isEqualTo(201);
  }

  private String get(String path) {
    Response response = api.get(acme.path(path)).bearer(acme.token).send();
    assertThat(response.status()).as(path).isEqualTo(200);
    return response.body();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private record Outcome(int status, String output) {}

  private Outcome run(String... arguments) throws Exception {
    assertThat(VERIFIER).as("the independent verifier at " + VERIFIER.toAbsolutePath()).exists();
    List<String> command = new ArrayList<>(List.of("python3", VERIFIER.toString()));
    command.addAll(List.of(arguments));
    // No python3 on the PATH makes start() throw, failing the test as intended.
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("verify.py finished").isTrue();
    return new Outcome(process.exitValue(), output);
  }
}
