package io.bulwark.ledger.export;

import static io.bulwark.ledger.export.TestLedgers.join;
import static io.bulwark.ledger.export.TestLedgers.lineOf;
import static io.bulwark.ledger.export.TestLedgers.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.note.SignedNoteSignerKey;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerExportTests {

  private static final TestLedgers LEDGER = TestLedgers.acme(100);

  private static ExportVerification verify(String export, SignedNoteVerifierKey... keys) {
    return new LedgerExportVerifier(List.of(keys)).verify(new StringReader(export));
  }

  private static ExportVerification verify(String export) {
    return verify(export, TestLedgers.LOG_KEY.verifierKey());
  }

  private static String failure(ExportVerification outcome) {
    assertThat(outcome).isInstanceOf(ExportVerification.Failed.class);
    return ((ExportVerification.Failed) outcome).summary();
  }

  private static OptionalLong firstBadIndex(ExportVerification outcome) {
    return ((ExportVerification.Failed) outcome).firstBadIndex();
  }

  @Test
  void fullExportOfIntactLedgerVerifies() {
    ExportVerification outcome = verify(LEDGER.export());

    assertThat(outcome)
        .isEqualTo(
            new ExportVerification.Intact(
                TestLedgers.ORIGIN, "acme", 100, 0, 100, 100, 0, List.of(TestLedgers.ORIGIN)));
    assertThat(((ExportVerification.Intact) outcome).summary())
        .isEqualTo(
            "OK: bulwark.example/t/acme (tenant acme): entries 0..99 of tree size 100 verified"
                + " (100 with body, 0 pruned); checkpoint signed by bulwark.example/t/acme");
  }

  @Test
  void partialRangeWithPrunedEntriesVerifiesAgainstTheCheckpoint() {
    for (long[] range : new long[][] {{17, 59}, {0, 1}, {99, 100}, {64, 96}, {30, 30}}) {
      String export = LEDGER.export(range[0], range[1], Set.of(20, 21, 64));

      assertThat(verify(export))
          .as("[%d, %d)", range[0], range[1])
          .isInstanceOf(ExportVerification.Intact.class);
    }
    ExportVerification.Intact intact =
        (ExportVerification.Intact) verify(LEDGER.export(17, 59, Set.of(20, 21)));
    assertThat(intact.entries()).isEqualTo(40);
    assertThat(intact.pruned()).isEqualTo(2);
  }

  @Test
  void entryLinesHoldTheCanonicalEntryAndItsLeafHash() {
    String line = lines(LEDGER.export()).get(lineOf(41, 0));
    byte[] canonical = Rfc8785Canonicalizer.canonicalize(LEDGER.entries.get(41));

    assertThat(line)
        .isEqualTo(
            "{\"index\":41,\"leaf_hash\":\""
                + Rfc9162Hasher.create().leafHash(canonical).toBase64()
                + "\",\"entry\":"
                + new String(canonical, java.nio.charset.StandardCharsets.UTF_8)
                + "}");
  }

  @Test
  void modifiedBodyIsReportedAtItsIndex() {
    List<String> lines = lines(LEDGER.export());
    lines.set(lineOf(41, 0), lines.get(lineOf(41, 0)).replace("user.login", "user.logout"));

    ExportVerification outcome = verify(join(lines));

    assertThat(failure(outcome)).isEqualTo("FAIL: entry 41: leaf hash does not match");
    assertThat(firstBadIndex(outcome)).hasValue(41);
  }

  @Test
  void entryWrittenInAnEquivalentNonCanonicalFormStillVerifies() {
    // Not hashed as it is (the text is not canonical), so parsed and canonicalized: same leaf.
    List<String> lines = lines(LEDGER.export());
    lines.set(lineOf(41, 0), lines.get(lineOf(41, 0)).replace("\"entry\":{", "\"entry\": { "));

    assertThat(verify(join(lines))).isInstanceOf(ExportVerification.Intact.class);
  }

  @Test
  void outcomeIsTheSameOnOneThreadAndOnMany() {
    // 2,500 entries: several batches of lines, checked out of order on many threads.
    TestLedgers ledger = TestLedgers.acme(2500);
    List<String> lines = lines(ledger.export());
    lines.set(lineOf(2201, 0), lines.get(lineOf(2201, 0)).replace("user.login", "user.logout"));
    lines.set(lineOf(1501, 0), lines.get(lineOf(1501, 0)).replace("user.login", "user.logout"));
    String tampered = join(lines);
    List<SignedNoteVerifierKey> keys = List.of(TestLedgers.LOG_KEY.verifierKey());

    for (int threads : new int[] {1, 2, 4}) {
      LedgerExportVerifier verifier = new LedgerExportVerifier(keys, threads);
      assertThat(verifier.verify(new StringReader(ledger.export())))
          .as("%d threads", threads)
          .isInstanceOf(ExportVerification.Intact.class);
      ExportVerification outcome = verifier.verify(new StringReader(tampered));
      assertThat(failure(outcome))
          .as("%d threads", threads)
          .isEqualTo("FAIL: entry 1501: leaf hash does not match");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> new LedgerExportVerifier(keys, 0));
  }

  @Test
  void deletedLineIsReportedAtTheMissingIndex() {
    List<String> lines = lines(LEDGER.export());
    lines.remove(lineOf(41, 0));

    ExportVerification outcome = verify(join(lines));

    assertThat(failure(outcome))
        .isEqualTo("FAIL: entry 41: missing or out of order (found entry 42 in its place)");
    assertThat(firstBadIndex(outcome)).hasValue(41);
  }

  @Test
  void swappedLinesAreReportedAtTheFirstDisplacedIndex() {
    List<String> lines = lines(LEDGER.export());
    Collections.swap(lines, lineOf(41, 0), lineOf(57, 0));

    assertThat(firstBadIndex(verify(join(lines)))).hasValue(41);
  }

  @Test
  void insertedCopyOfALineIsReportedAtTheDuplicatedIndex() {
    List<String> lines = lines(LEDGER.export());
    lines.add(lineOf(42, 0), lines.get(lineOf(41, 0)));

    ExportVerification outcome = verify(join(lines));

    assertThat(failure(outcome))
        .isEqualTo("FAIL: entry 41: appears again where entry 42 was expected");
    assertThat(firstBadIndex(outcome)).hasValue(41);
  }

  @Test
  void insertedForgedEntryIsReportedAtTheIndexItClaims() {
    List<String> lines = lines(LEDGER.export());
    String forged = lines.get(lineOf(42, 0)).replace("\"amount\":63", "\"amount\":64");
    lines.add(lineOf(42, 0), forged);

    assertThat(firstBadIndex(verify(join(lines)))).hasValue(42);
  }

  @Test
  void consistentlyRewrittenEntryFailsTheRootCheck() {
    List<String> lines = lines(LEDGER.export());
    var forged = LEDGER.entries.get(41).deepCopy();
    ((tools.jackson.databind.node.ObjectNode) forged).put("action", "user.logout");
    StringWriter out = new StringWriter();
    byte[] canonical = Rfc8785Canonicalizer.canonicalize(forged);
    out.write(
        "{\"index\":41,\"leaf_hash\":\""
            + Rfc9162Hasher.create().leafHash(canonical).toBase64()
            + "\",\"entry\":"
            + new String(canonical, java.nio.charset.StandardCharsets.UTF_8)
            + "}");
    lines.set(lineOf(41, 0), out.toString());

    assertThat(failure(verify(join(lines))))
        .isEqualTo(
            "FAIL: entries 0..99: leaf hashes and range proof do not reproduce the checkpoint"
                + " root hash");
  }

  @Test
  void truncatedExportIsReportedAtTheFirstMissingIndex() {
    List<String> lines = lines(LEDGER.export());
    lines.subList(lineOf(90, 0), lines.size()).clear();

    assertThat(failure(verify(join(lines))))
        .isEqualTo("FAIL: entry 90: missing (export ends before entry 99)");
  }

  @Test
  void tamperedCheckpointSignatureIsRejected() {
    String export = LEDGER.export();
    String signature =
        LEDGER.signedCheckpoint.substring(LEDGER.signedCheckpoint.lastIndexOf(' ') + 1).strip();
    char[] chars = signature.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';

    ExportVerification outcome = verify(export.replace(signature, new String(chars)));

    assertThat(failure(outcome))
        .isEqualTo(
            "FAIL: checkpoint: signature by trusted key bulwark.example/t/acme does not verify");
    assertThat(firstBadIndex(outcome)).isEmpty();
  }

  @Test
  void exportSignedByAnotherKeyIsRejected() {
    SignedNoteVerifierKey wrong = SignedNoteSignerKey.generate(TestLedgers.ORIGIN).verifierKey();

    assertThat(failure(verify(LEDGER.export(), wrong)))
        .isEqualTo("FAIL: checkpoint: no signature from a trusted key");
  }

  @Test
  void tamperedRangeProofFailsTheRootCheck() {
    String export = LEDGER.export(17, 59, Set.of());
    String leftHash =
        new Rfc9162ProofGenerator(LEDGER.store).rangeProof(17, 59, 100).left().get(0).toBase64();
    String forged = export.replace(leftHash, LEDGER.export().substring(0, 0) + flip(leftHash));

    assertThat(failure(verify(forged)))
        .isEqualTo(
            "FAIL: entries 17..58: leaf hashes and range proof do not reproduce the checkpoint"
                + " root hash");
  }

  @Test
  void headerThatDisagreesWithTheCheckpointIsRejected() {
    String export = LEDGER.export();

    assertThat(failure(verify(export.replace("\"tree_size\":100", "\"tree_size\":101"))))
        .startsWith("FAIL: ");
    assertThat(failure(verify(export.replace("\"version\":1", "\"version\":2"))))
        .isEqualTo("FAIL: line 1: not a bulwark-ledger-export version 1 header");
    assertThat(failure(verify(export.replace("\"tenant\":", "\"extra\":1,\"tenant\":"))))
        .isEqualTo("FAIL: line 1: unknown field extra");
    assertThat(failure(verify(""))).isEqualTo("FAIL: line 1: export is empty");
    assertThat(failure(verify(export.replace("\"verifier_keys\":[", "\"verifier_keys\":[\"x\","))))
        .isEqualTo("FAIL: line 1: verifier_keys holds a malformed key");
  }

  @Test
  void malformedEntryLinesAreReportedAtTheirIndex() {
    List<String> lines = lines(LEDGER.export());
    lines.set(lineOf(5, 0), "{\"index\":5,\"leaf_hash\":\"AAAA\"}");
    assertThat(failure(verify(join(lines))))
        .isEqualTo("FAIL: entry 5: leaf_hash is not base64 of 32 bytes");

    lines = lines(LEDGER.export());
    lines.set(lineOf(6, 0), "not json");
    assertThat(failure(verify(join(lines))))
        .isEqualTo("FAIL: entry 6: line is not well-formed JSON");

    lines = lines(LEDGER.export());
    lines.set(
        lineOf(7, 0),
        lines.get(lineOf(7, 0)).replace("{\"index\":7,", "{\"index\":7,\"index\":7,"));
    assertThat(failure(verify(join(lines))))
        .isEqualTo("FAIL: entry 7: line is not well-formed JSON");
  }

  @Test
  void writerRefusesEntriesOutOfOrderAndUnfinishedRanges() {
    StringWriter out = new StringWriter();
    LedgerExportHeader header =
        new LedgerExportHeader(
            TestLedgers.ORIGIN,
            "acme",
            LEDGER.signedCheckpoint,
            List.of(),
            new Rfc9162ProofGenerator(LEDGER.store).rangeProof(0, 3, 100));
    LedgerExportWriter writer = LedgerExportWriter.start(out, header);

    assertThatIllegalStateException().isThrownBy(() -> writer.writeEntry(1, LEDGER.entries.get(1)));
    writer.writeEntry(0, LEDGER.entries.get(0));
    assertThatIllegalStateException().isThrownBy(writer::finish);
  }

  @Test
  void headerWithCheckpointOfAnotherSizeIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            new LedgerExportHeader(
                TestLedgers.ORIGIN,
                "acme",
                LEDGER.signedCheckpoint,
                List.of(),
                new Rfc9162ProofGenerator(LEDGER.store).rangeProof(0, 3, 50)));
  }

  @Test
  void randomByteChangesInEntryLinesAlwaysFailAndNothingThrows() {
    String export = LEDGER.export(3, 77, Set.of(10, 11));
    int headerEnd = export.indexOf('\n') + 1;
    java.util.Random random = new java.util.Random(1914);
    String replacements = "abcdfxyzABCDXYZ0123456789{}[]:,\"\\/+-._ ";
    for (int trial = 0; trial < 400; trial++) {
      boolean inEntries = trial % 2 == 0;
      int position =
          inEntries
              ? headerEnd + random.nextInt(export.length() - headerEnd - 1)
              : random.nextInt(headerEnd - 1);
      char original = export.charAt(position);
      char replacement;
      do {
        replacement = replacements.charAt(random.nextInt(replacements.length()));
      } while (replacement == original);
      String mutated = export.substring(0, position) + replacement + export.substring(position + 1);

      ExportVerification outcome = verify(mutated);

      if (inEntries) {
        assertThat(outcome)
            .as("byte %d: %s -> %s", position, original, replacement)
            .isInstanceOf(ExportVerification.Failed.class);
      }
    }
  }

  private static String flip(String base64) {
    byte[] bytes = java.util.Base64.getDecoder().decode(base64);
    bytes[0] ^= 1;
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }
}
