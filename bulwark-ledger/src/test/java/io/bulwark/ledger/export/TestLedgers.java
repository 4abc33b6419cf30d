package io.bulwark.ledger.export;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.InMemoryNodeStore;
import io.bulwark.ledger.merkle.Rfc9162AppendResult;
import io.bulwark.ledger.merkle.Rfc9162Appender;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.SignedNoteSignerKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.ledger.note.TlogCheckpointSigner;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A small tenant ledger, built the way the server will build it, and exports of it. */
final class TestLedgers {

  static final String ORIGIN = "bulwark.example/t/acme";
  static final SignedNoteSignerKey LOG_KEY = SignedNoteSignerKey.generate(ORIGIN);

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  final List<JsonNode> entries = new ArrayList<>();
  final InMemoryNodeStore store = new InMemoryNodeStore();
  String signedCheckpoint = "";

  private TestLedgers() {}

  /** A ledger of {@code size} audit entries appended in batches of 7, with a signed checkpoint. */
  static TestLedgers acme(int size) {
    TestLedgers ledger = new TestLedgers();
    Rfc9162Appender appender = Rfc9162Appender.create();
    Rfc9162AppendResult result = null;
    for (int start = 0; start < size; start += 7) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = start; i < Math.min(size, start + 7); i++) {
        JsonNode entry = entry(i);
        ledger.entries.add(entry);
        batch.add(Rfc8785Canonicalizer.canonicalize(entry));
      }
      result = appender.appendLeafData(Rfc9162CompactRange.read(ledger.store, start), batch);
      ledger.store.write(result.nodes());
    }
    Sha256Hash root = result == null ? Rfc9162Hasher.create().emptyRoot() : result.rootHash();
    ledger.signedCheckpoint =
        new TlogCheckpointSigner(LOG_KEY).sign(new TlogCheckpoint(ORIGIN, size, root));
    return ledger;
  }

  static JsonNode entry(int i) {
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("id", "evt-" + i);
    entry.put("occurred_at", "2025-01-01T00:00:" + String.format("%02d", i % 60) + "Z");
    entry.put("action", i % 3 == 0 ? "secret.read" : "user.login");
    entry.putObject("actor").put("type", "user").put("id", "u-" + (i % 5));
    entry.put("amount", i * 1.5);
    return entry;
  }

  /** Exports {@code [begin, end)}, pruning the bodies of {@code pruned}. */
  String export(long begin, long end, Set<Integer> pruned) {
    long size = store.leafCount();
    StringWriter out = new StringWriter();
    LedgerExportHeader header =
        new LedgerExportHeader(
            ORIGIN,
            "acme",
            signedCheckpoint,
            List.of(LOG_KEY.verifierKey()),
            new Rfc9162ProofGenerator(store).rangeProof(begin, end, size));
    try (LedgerExportWriter writer = LedgerExportWriter.start(out, header)) {
      for (long i = begin; i < end; i++) {
        Sha256Hash stored = store.read(List.of(io.bulwark.ledger.merkle.NodeId.leaf(i))).get(0);
        if (pruned.contains((int) i)) {
          writer.writePrunedEntry(i, stored);
        } else {
          writer.writeEntry(i, entries.get((int) i), stored);
        }
      }
      writer.finish();
    }
    return out.toString();
  }

  String export() {
    return export(0, store.leafCount(), Set.of());
  }

  static List<String> lines(String export) {
    return new ArrayList<>(Arrays.asList(export.split("\n")));
  }

  static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Line number (0-based) of entry {@code index} in an export starting at {@code begin}. */
  static int lineOf(long index, long begin) {
    return (int) (index - begin) + 1;
  }
}
