package io.bulwark.ledger.export;

import static io.bulwark.ledger.export.LedgerExportFormat.*;

import io.bulwark.ledger.jcs.Rfc8785CanonicalText;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162RangeProof;
import io.bulwark.ledger.merkle.Rfc9162TreeBuilder;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.CheckpointVerification;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.ledger.note.TlogCheckpointVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a ledger export offline against trusted log keys, streaming (memory does not grow with the
 * export). In order: the header is well-formed; its checkpoint is signed by a trusted key, is for
 * the header's origin and tree size; each entry line is the next index, its body (if any) hashes to
 * its leaf hash; the range ends where the header says; and the leaf hashes with the range proof
 * reproduce the checkpoint's root. The first problem is reported, naming the first bad entry where
 * there is one.
 *
 * <p>Entry lines carry their own leaf hash, so an altered body is pinned to its index. Someone who
 * also rewrites the leaf hash is still caught by the root check, which then cannot say which entry
 * changed: the checkpoint signs the whole range, not each entry.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
public final class LedgerExportVerifier {

  private static final Set<String> HEADER_FIELDS =
      Set.of(
          F_FORMAT,
          F_VERSION,
          F_ORIGIN,
          F_TENANT,
          F_TREE_SIZE,
          F_BEGIN,
          F_END,
          F_CHECKPOINT,
          F_VERIFIER_KEYS,
          F_RANGE_PROOF);
  private static final Set<String> PROOF_FIELDS = Set.of(F_LEFT, F_RIGHT);
  private static final Set<String> ENTRY_FIELDS = Set.of(F_INDEX, F_LEAF_HASH, F_ENTRY);

  private static final int BATCH_LINES = 1024;
  private static final String WRITTEN_INDEX = "{\"" + F_INDEX + "\":";
  private static final String WRITTEN_LEAF_HASH = ",\"" + F_LEAF_HASH + "\":\"";
  private static final String WRITTEN_ENTRY = "\",\"" + F_ENTRY + "\":";
  private static final int BASE64_HASH_LENGTH = 44;

  private final TlogCheckpointVerifier checkpoints;
  private final JsonMapper mapper = Rfc8785Canonicalizer.strictMapper();
  private final int threads;

  /** Trusts {@code keys} to sign the log's checkpoints; checks entries on every processor. */
  public LedgerExportVerifier(Collection<SignedNoteVerifierKey> keys) {
    this(keys, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Trusts {@code keys} to sign the log's checkpoints; checks entry lines (parsing, RFC 8785
   * canonical form, leaf hash) on {@code threads} threads in batches of {@value #BATCH_LINES},
   * while the calling thread reads the export and folds the leaf hashes into the tree in order. The
   * outcome is the same whatever the number: the first problem in line order.
   */
  public LedgerExportVerifier(Collection<SignedNoteVerifierKey> keys, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.checkpoints = new TlogCheckpointVerifier(keys);
    this.threads = threads;
  }

  /** Verifies the export read from {@code export}, which the caller closes. */
  public ExportVerification verify(Reader export) {
    try {
      return verifyLines(new BufferedReader(export));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Thrown internally to stop at the first problem. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ExportVerification.Failed failure;

    Stop(ExportVerification.Failed failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  private ExportVerification verifyLines(BufferedReader lines) throws IOException {
    try {
      String first = lines.readLine();
      if (first == null) {
        throw stop(ExportVerification.Failed.at("line 1", "export is empty"));
      }
      Header header = parseHeader(first);
      CheckpointVerification.Verified verified = verifyCheckpoint(header);
      TlogCheckpoint checkpoint = verified.checkpoint();
      Rfc9162TreeBuilder tree = header.proof().startBuilder();
      long expected = header.proof().begin();
      long end = header.proof().end();
      long withBody = 0;
      long pruned = 0;
      ExecutorService pool = Executors.newFixedThreadPool(threads, LedgerExportVerifier::worker);
      try {
        Deque<Future<CheckedLines>> inFlight = new ArrayDeque<>();
        List<String> batch = new ArrayList<>(BATCH_LINES);
        long batchStart = expected;
        String line;
        boolean more = true;
        while (more || !inFlight.isEmpty()) {
          if (more && (line = lines.readLine()) != null) {
            batch.add(line);
            if (batch.size() < BATCH_LINES) {
              continue;
            }
          } else {
            more = false;
          }
          if (!batch.isEmpty()) {
            List<String> submitted = batch;
            long start = batchStart;
            inFlight.addLast(pool.submit(() -> check(submitted, start, end)));
            batchStart += batch.size();
            batch = new ArrayList<>(BATCH_LINES);
          }
          while (!inFlight.isEmpty() && (!more || inFlight.size() > 2 * threads)) {
            CheckedLines checked = result(inFlight.removeFirst());
            for (int i = 0; i < checked.count(); i++) {
              tree.appendLeafHash(checked.leafHashes(), i * Sha256Hash.LENGTH);
            }
            expected += checked.count();
            withBody += checked.withBody();
            pruned += checked.count() - checked.withBody();
            if (checked.failure() != null) {
              throw stop(checked.failure());
            }
          }
        }
      } finally {
        pool.shutdownNow();
      }
      if (expected < end) {
        throw stop(
            ExportVerification.Failed.atEntry(
                expected, "missing (export ends before entry " + (end - 1) + ")"));
      }
      Sha256Hash root = header.proof().finish(tree);
      if (!root.equals(checkpoint.rootHash())) {
        String where =
            end > header.proof().begin()
                ? "entries " + header.proof().begin() + ".." + (end - 1)
                : "range proof";
        throw stop(
            ExportVerification.Failed.at(
                where, "leaf hashes and range proof do not reproduce the checkpoint root hash"));
      }
      return new ExportVerification.Intact(
          header.origin(),
          header.tenant(),
          checkpoint.treeSize(),
          header.proof().begin(),
          end,
          withBody,
          pruned,
          verified.verifiedBy().stream().map(SignedNoteVerifierKey::name).toList());
    } catch (Stop stop) {
      return stop.failure;
    }
  }

  /**
   * Entry lines {@code first, first + 1, …} checked on their own (a worker's share): each one's
   * leaf hash, stopping at the first line found wrong.
   */
  private CheckedLines check(List<String> lines, long first, long end) {
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    byte[] leafHashes = new byte[lines.size() * Sha256Hash.LENGTH];
    int withBody = 0;
    for (int i = 0; i < lines.size(); i++) {
      long expected = first + i;
      String line = lines.get(i);
      Sha256Hash written = writtenLeafHash(line, expected, hasher);
      if (written != null) {
        written.copyTo(leafHashes, i * Sha256Hash.LENGTH);
        withBody++;
        continue;
      }
      try {
        Entry entry = parseEntry(line, expected);
        if (entry.index() != expected) {
          throw stop(misplaced(entry.index(), expected, end));
        }
        if (entry.body() != null) {
          byte[] canonical;
          try {
            canonical = Rfc8785Canonicalizer.canonicalize(entry.body());
          } catch (IllegalArgumentException e) {
            throw stop(ExportVerification.Failed.atEntry(expected, "entry " + e.getMessage()));
          }
          if (!hasher.leafHash(canonical).equals(entry.leafHash())) {
            throw stop(ExportVerification.Failed.atEntry(expected, "leaf hash does not match"));
          }
          withBody++;
        }
        entry.leafHash().copyTo(leafHashes, i * Sha256Hash.LENGTH);
      } catch (Stop stop) {
        return new CheckedLines(leafHashes, i, withBody, stop.failure);
      }
    }
    return new CheckedLines(leafHashes, lines.size(), withBody, null);
  }

  /**
   * The leaf hash of a line exactly as {@link LedgerExportWriter} writes entry {@code expected}
   * with its body, when the body is already in canonical form ({@link Rfc8785CanonicalText}) and
   * hashes to that leaf hash: then the text is hashed as it is, with no parse. {@code null} for
   * every other line, right or wrong, which {@link #parseEntry} then judges in full; so this only
   * ever accepts what the full check accepts.
   */
  private static @Nullable Sha256Hash writtenLeafHash(
      String line, long expected, Rfc9162Hasher hasher) {
    if (!line.startsWith(WRITTEN_INDEX)) {
      return null;
    }
    String index = Long.toString(expected);
    int at = WRITTEN_INDEX.length();
    if (!line.startsWith(index, at) || !line.startsWith(WRITTEN_LEAF_HASH, at + index.length())) {
      return null;
    }
    int hashStart = at + index.length() + WRITTEN_LEAF_HASH.length();
    int hashEnd = hashStart + BASE64_HASH_LENGTH;
    if (!line.startsWith(WRITTEN_ENTRY, hashEnd)) {
      return null;
    }
    int bodyStart = hashEnd + WRITTEN_ENTRY.length();
    if (bodyStart >= line.length() || line.charAt(bodyStart) != '{') {
      return null;
    }
    int bodyEnd = Rfc8785CanonicalText.valueEnd(line, bodyStart);
    if (bodyEnd != line.length() - 1 || line.charAt(bodyEnd) != '}') {
      return null;
    }
    Sha256Hash leafHash;
    try {
      leafHash = Sha256Hash.fromBase64(line.substring(hashStart, hashEnd));
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] body = line.substring(bodyStart, bodyEnd).getBytes(StandardCharsets.UTF_8);
    return hasher.leafHash(body).equals(leafHash) ? leafHash : null;
  }

  /**
   * The leaf hashes of the first {@code count} lines of a batch, of which {@code withBody} had a
   * body, and the problem with the next line, if one stopped the batch.
   */
  private record CheckedLines(
      byte[] leafHashes, int count, int withBody, ExportVerification.@Nullable Failed failure) {}

  private static CheckedLines result(Future<CheckedLines> checked) {
    try {
      return checked.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread worker(Runnable task) {
    Thread thread = new Thread(task, "ledger-export-verifier");
    thread.setDaemon(true);
    return thread;
  }

  private static ExportVerification.Failed misplaced(long found, long expected, long end) {
    if (found >= end) {
      return ExportVerification.Failed.atEntry(
          found, "outside the exported range (ends before " + end + ")");
    }
    if (found > expected) {
      return ExportVerification.Failed.atEntry(
          expected, "missing or out of order (found entry " + found + " in its place)");
    }
    return ExportVerification.Failed.atEntry(
        found, "appears again where entry " + expected + " was expected");
  }

  private record Header(
      String origin, String tenant, String signedCheckpoint, Rfc9162RangeProof proof) {}

  private record Entry(long index, Sha256Hash leafHash, @Nullable JsonNode body) {}

  private Header parseHeader(String line) throws Stop {
    JsonNode node = parseObject(line, "line 1", HEADER_FIELDS);
    if (!FORMAT.equals(text(node, F_FORMAT, "line 1"))
        || number(node, F_VERSION, "line 1") != VERSION) {
      throw stop(
          ExportVerification.Failed.at(
              "line 1", "not a " + FORMAT + " version " + VERSION + " header"));
    }
    JsonNode keys = node.get(F_VERIFIER_KEYS);
    if (keys == null || !keys.isArray()) {
      throw stop(ExportVerification.Failed.at("line 1", "verifier_keys must be an array"));
    }
    for (JsonNode key : keys.values()) {
      try {
        SignedNoteVerifierKey.parse(key.isString() ? key.stringValue() : "");
      } catch (IllegalArgumentException e) {
        throw stop(ExportVerification.Failed.at("line 1", "verifier_keys holds a malformed key"));
      }
    }
    JsonNode proof = node.get(F_RANGE_PROOF);
    if (proof == null || !proof.isObject() || !PROOF_FIELDS.containsAll(proof.propertyNames())) {
      throw stop(ExportVerification.Failed.at("line 1", "range_proof must have left and right"));
    }
    try {
      Rfc9162RangeProof rangeProof =
          new Rfc9162RangeProof(
              number(node, F_BEGIN, "line 1"),
              number(node, F_END, "line 1"),
              number(node, F_TREE_SIZE, "line 1"),
              hashes(proof, F_LEFT),
              hashes(proof, F_RIGHT));
      return new Header(
          text(node, F_ORIGIN, "line 1"),
          text(node, F_TENANT, "line 1"),
          text(node, F_CHECKPOINT, "line 1"),
          rangeProof);
    } catch (IllegalArgumentException e) {
      throw stop(ExportVerification.Failed.at("line 1", "malformed range: " + e.getMessage()));
    }
  }

  private CheckpointVerification.Verified verifyCheckpoint(Header header) throws Stop {
    return switch (checkpoints.verify(header.signedCheckpoint(), header.origin())) {
      case CheckpointVerification.Rejected rejected ->
          throw stop(ExportVerification.Failed.at("checkpoint", rejected.reason()));
      case CheckpointVerification.Verified verified -> {
        if (verified.checkpoint().treeSize() != header.proof().treeSize()) {
          throw stop(
              ExportVerification.Failed.at(
                  "checkpoint",
                  "signed tree size "
                      + verified.checkpoint().treeSize()
                      + " differs from the header's "
                      + header.proof().treeSize()));
        }
        yield verified;
      }
    };
  }

  private Entry parseEntry(String line, long expected) throws Stop {
    String where = "entry " + expected;
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JacksonException e) {
      throw stop(ExportVerification.Failed.atEntry(expected, "line is not well-formed JSON"));
    }
    if (node == null
        || !node.isObject()
        || !ENTRY_FIELDS.containsAll(node.propertyNames())
        || !node.has(F_INDEX)
        || !node.has(F_LEAF_HASH)) {
      throw stop(
          ExportVerification.Failed.atEntry(
              expected, "line is not {\"index\", \"leaf_hash\"[, \"entry\"]}"));
    }
    JsonNode indexNode = node.get(F_INDEX);
    if (!indexNode.isIntegralNumber()
        || !indexNode.canConvertToLong()
        || indexNode.longValue() < 0) {
      throw stop(
          ExportVerification.Failed.atEntry(expected, "index is not a non-negative integer"));
    }
    long index = indexNode.longValue();
    Sha256Hash leafHash;
    try {
      leafHash = Sha256Hash.fromBase64(text(node, F_LEAF_HASH, where));
    } catch (IllegalArgumentException e) {
      throw stop(ExportVerification.Failed.atEntry(index, "leaf_hash is not base64 of 32 bytes"));
    }
    JsonNode body = node.get(F_ENTRY);
    if (body != null && !body.isObject()) {
      throw stop(ExportVerification.Failed.atEntry(index, "entry is not a JSON object"));
    }
    return new Entry(index, leafHash, body);
  }

  private JsonNode parseObject(String line, String where, Set<String> allowed) throws Stop {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JacksonException e) {
      throw stop(ExportVerification.Failed.at(where, "not well-formed JSON"));
    }
    if (node == null || !node.isObject()) {
      throw stop(ExportVerification.Failed.at(where, "not a JSON object"));
    }
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        throw stop(ExportVerification.Failed.at(where, "unknown field " + name));
      }
    }
    return node;
  }

  private static String text(JsonNode node, String field, String where) throws Stop {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw stop(ExportVerification.Failed.at(where, field + " must be a string"));
    }
    return value.stringValue();
  }

  private static long number(JsonNode node, String field, String where) throws Stop {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw stop(ExportVerification.Failed.at(where, field + " must be an integer"));
    }
    long number = value.longValue();
    if (number < 0) {
      throw stop(ExportVerification.Failed.at(where, field + " must not be negative"));
    }
    return number;
  }

  private static List<Sha256Hash> hashes(JsonNode proof, String field) {
    JsonNode array = proof.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(field + " must be an array of base64 hashes");
    }
    List<Sha256Hash> hashes = new ArrayList<>();
    for (JsonNode hash : array.values()) {
      if (!hash.isString()) {
        throw new IllegalArgumentException(field + " must be an array of base64 hashes");
      }
      hashes.add(Sha256Hash.fromBase64(hash.stringValue()));
    }
    return hashes;
  }

  private static Stop stop(ExportVerification.Failed failure) {
    return new Stop(failure);
  }
}
