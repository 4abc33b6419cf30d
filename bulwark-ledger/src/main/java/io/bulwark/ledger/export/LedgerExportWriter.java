package io.bulwark.ledger.export;

import static io.bulwark.ledger.export.LedgerExportFormat.*;

import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a ledger export (format in {@code docs/ledger.md}): the header line, then one line per
 * entry of {@code [begin, end)} in index order, each with its leaf hash and, unless pruned, the
 * entry in RFC 8785 canonical form. Memory does not grow with the range.
 *
 * <p>Pass the <em>stored</em> leaf hash with each entry ({@link #writeEntry(long, JsonNode,
 * Sha256Hash)}) so that an entry altered in storage shows up in the export at its index instead of
 * being silently re-hashed. Not thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class LedgerExportWriter implements AutoCloseable {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Writer out;
  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();
  private final long end;
  private long next;
  private boolean finished;

  private LedgerExportWriter(Writer out, long begin, long end) {
    this.out = out;
    this.next = begin;
    this.end = end;
  }

  /** Writes the header line and returns a writer expecting entry {@code begin} next. */
  public static LedgerExportWriter start(Writer out, LedgerExportHeader header) {
    LedgerExportWriter writer =
        new LedgerExportWriter(out, header.rangeProof().begin(), header.rangeProof().end());
    ObjectNode line = MAPPER.createObjectNode();
    line.put(F_FORMAT, FORMAT);
    line.put(F_VERSION, VERSION);
    line.put(F_ORIGIN, header.origin());
    line.put(F_TENANT, header.tenant());
    line.put(F_TREE_SIZE, header.rangeProof().treeSize());
    line.put(F_BEGIN, header.rangeProof().begin());
    line.put(F_END, header.rangeProof().end());
    line.put(F_CHECKPOINT, header.signedCheckpoint());
    ArrayNode keys = line.putArray(F_VERIFIER_KEYS);
    header.verifierKeys().stream().map(SignedNoteVerifierKey::encoded).forEach(keys::add);
    ObjectNode proof = line.putObject(F_RANGE_PROOF);
    ArrayNode left = proof.putArray(F_LEFT);
    header.rangeProof().left().forEach(hash -> left.add(hash.toBase64()));
    ArrayNode right = proof.putArray(F_RIGHT);
    header.rangeProof().right().forEach(hash -> right.add(hash.toBase64()));
    writer.writeLine(MAPPER.writeValueAsString(line));
    return writer;
  }

  /** Writes entry {@code index}, hashing its canonical form for the leaf hash. */
  public void writeEntry(long index, JsonNode entry) {
    byte[] canonical = Rfc8785Canonicalizer.canonicalize(entry);
    writeEntry(index, canonical, hasher.leafHash(canonical));
  }

  /** Writes entry {@code index} with the leaf hash stored for it. */
  public void writeEntry(long index, JsonNode entry, Sha256Hash storedLeafHash) {
    writeEntry(index, Rfc8785Canonicalizer.canonicalize(entry), storedLeafHash);
  }

  /** Writes a pruned entry: its leaf hash only, the body having been erased or withheld. */
  public void writePrunedEntry(long index, Sha256Hash leafHash) {
    expect(index);
    writeLine(
        "{\""
            + F_INDEX
            + "\":"
            + index
            + ",\""
            + F_LEAF_HASH
            + "\":\""
            + leafHash.toBase64()
            + "\"}");
  }

  /**
   * Flushes after checking every entry of the range was written.
   *
   * @throws IllegalStateException if entries are missing
   */
  public void finish() {
    if (next != end) {
      throw new IllegalStateException("export stopped at entry " + next + " of range end " + end);
    }
    finished = true;
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes; does not close the underlying writer, which the caller owns. */
  @Override
  public void close() {
    if (!finished) {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void writeEntry(long index, byte[] canonical, Sha256Hash leafHash) {
    expect(index);
    writeLine(
        "{\""
            + F_INDEX
            + "\":"
            + index
            + ",\""
            + F_LEAF_HASH
            + "\":\""
            + leafHash.toBase64()
            + "\",\""
            + F_ENTRY
            + "\":"
            + new String(canonical, java.nio.charset.StandardCharsets.UTF_8)
            + "}");
  }

  private void expect(long index) {
    if (index != next || index >= end) {
      throw new IllegalStateException(
          "expected entry " + next + " of range ending at " + end + ", got " + index);
    }
    next++;
  }

  private void writeLine(String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
