package io.bulwark.ledger.export;

import io.bulwark.ledger.merkle.Rfc9162RangeProof;
import io.bulwark.ledger.note.SignedNote;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import java.util.List;
import java.util.Objects;

/**
 * What the first line of an export says: whose log, which checkpoint, which range, and the hashes
 * binding the range to the checkpoint.
 *
 * @param origin the log's origin, the checkpoint's first line
 * @param tenant the tenant the log belongs to (informational; the origin is what is signed)
 * @param signedCheckpoint the C2SP signed note of the checkpoint the range is checked against
 * @param verifierKeys the log's public keys, as a hint: verifiers must get trusted keys elsewhere
 * @param rangeProof the range {@code [begin, end)} of a tree of the checkpoint's size and the
 *     hashes around it
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
public record LedgerExportHeader(
    String origin,
    String tenant,
    String signedCheckpoint,
    List<SignedNoteVerifierKey> verifierKeys,
    Rfc9162RangeProof rangeProof) {

  /** Checks that the checkpoint is well-formed and is for this origin and tree size. */
  public LedgerExportHeader {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(rangeProof, "rangeProof");
    verifierKeys = List.copyOf(verifierKeys);
    TlogCheckpoint checkpoint = TlogCheckpoint.parse(SignedNote.parse(signedCheckpoint).text());
    if (!checkpoint.origin().equals(origin)) {
      throw new IllegalArgumentException("checkpoint origin differs from the export origin");
    }
    if (checkpoint.treeSize() != rangeProof.treeSize()) {
      throw new IllegalArgumentException(
          "checkpoint is for tree size "
              + checkpoint.treeSize()
              + " but the range proof for "
              + rangeProof.treeSize());
    }
  }
}
