package io.bulwark.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.export.LedgerExportHeader;
import io.bulwark.ledger.export.LedgerExportWriter;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.InMemoryNodeStore;
import io.bulwark.ledger.merkle.Rfc9162AppendResult;
import io.bulwark.ledger.merkle.Rfc9162Appender;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.note.SignedNoteSignerKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.ledger.note.TlogCheckpointSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LedgerCliTests {

  private static final String ORIGIN = "bulwark.example/t/acme";
  private static final SignedNoteSignerKey KEY = SignedNoteSignerKey.generate(ORIGIN);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LedgerCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path writeExport(int size) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    List<JsonNode> entries = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      JsonNode entry = mapper.readTree("{\"id\":\"evt-" + i + "\",\"action\":\"user.login\"}");
      entries.add(entry);
      leaves.add(Rfc8785Canonicalizer.canonicalize(entry));
    }
    InMemoryNodeStore store = new InMemoryNodeStore();
    Rfc9162AppendResult appended =
        Rfc9162Appender.create().appendLeafData(Rfc9162CompactRange.empty(), leaves);
    store.write(appended.nodes());
    String checkpoint =
        new TlogCheckpointSigner(KEY).sign(new TlogCheckpoint(ORIGIN, size, appended.rootHash()));
    StringWriter text = new StringWriter();
    try (LedgerExportWriter writer =
        LedgerExportWriter.start(
            text,
            new LedgerExportHeader(
                ORIGIN,
                "acme",
                checkpoint,
                List.of(KEY.verifierKey()),
                new Rfc9162ProofGenerator(store).rangeProof(0, size, size)))) {
      for (int i = 0; i < size; i++) {
        writer.writeEntry(i, entries.get(i));
      }
      writer.finish();
    }
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, text.toString());
    return file;
  }

  @Test
  void intactExportExitsZeroWithSummary() throws IOException {
    Path export = writeExport(50);

    int status = run("verify", "--key", KEY.verifierKey().encoded(), export.toString());

    assertThat(status).isEqualTo(LedgerCli.OK);
    assertThat(stdout())
        .isEqualTo(
            "OK: bulwark.example/t/acme (tenant acme): entries 0..49 of tree size 50 verified"
                + " (50 with body, 0 pruned); checkpoint signed by bulwark.example/t/acme\n");
  }

  @Test
  void tamperedExportExitsOneNamingTheFirstBadEntry() throws IOException {
    Path export = writeExport(50);
    Files.writeString(
        export, Files.readString(export).replace("\"id\":\"evt-41\"", "\"id\":\"evt-99\""));

    int status = run("verify", "--key", KEY.verifierKey().encoded(), export.toString());

    assertThat(status).isEqualTo(LedgerCli.FAILED);
    assertThat(stdout()).isEqualTo("FAIL: entry 41: leaf hash does not match\n");
  }

  @Test
  void keysCanComeFromAFile() throws IOException {
    Path export = writeExport(5);
    Path keys = dir.resolve("keys.txt");
    Files.writeString(
        keys,
        "# acme log keys\n\n"
            + SignedNoteSignerKey.generate("old").verifierKey().encoded()
            + "\n"
            + KEY.verifierKey().encoded()
            + "\n");

    assertThat(run("verify", "--key", "@" + keys, export.toString())).isEqualTo(LedgerCli.OK);
  }

  @Test
  void wrongKeyExitsOne() throws IOException {
    Path export = writeExport(5);

    int status =
        run(
            "verify",
            "--key",
            SignedNoteSignerKey.generate(ORIGIN).verifierKey().encoded(),
            export.toString());

    assertThat(status).isEqualTo(LedgerCli.FAILED);
    assertThat(stdout()).isEqualTo("FAIL: checkpoint: no signature from a trusted key\n");
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path export = writeExport(2);
    String key = KEY.verifierKey().encoded();

    assertThat(run()).isEqualTo(LedgerCli.USAGE);
    assertThat(run("check", export.toString())).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", export.toString())).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key", "not-a-key", export.toString())).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key", key)).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key", key, dir.resolve("absent.jsonl").toString()))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key", key, "--fast", export.toString())).isEqualTo(LedgerCli.USAGE);
    assertThat(run("verify", "--key", "@" + dir.resolve("nokeys"), export.toString()))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: java -jar bulwark-ledger.jar");
  }
}
