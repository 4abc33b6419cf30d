package io.bulwark.audit;

import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.platform.TenantId;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Each tenant's tamper-evident audit log: an append-only RFC 9162 Merkle log whose leaves are the
 * RFC 8785 canonical JSON of the stored entries, with signed C2SP checkpoints.
 *
 * <p>Appends join the caller's transaction when there is one, so an operation and its audit record
 * commit together or not at all.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2">RFC 9162 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 */
public interface AuditLedger {

  /**
   * Appends events to a tenant's log, all or none, in the caller's transaction if there is one.
   * Events whose id the log already holds are not appended again; their receipt names the existing
   * index. Sensitive values (those the event marks, fields named like secrets and values the
   * redaction engine finds in {@code details}) are stored as {@code hmac-sha256:<hex>} under the
   * tenant's key (see {@link AuditHashes}), before the entry is canonicalized and hashed into the
   * log.
   *
   * @param tenant whose log
   * @param events 1 or more events
   * @return a receipt per event, in order
   */
  List<AuditReceipt> append(TenantId tenant, List<AuditEvent> events);

  /**
   * @param tenant whose log
   * @return how many entries the log holds (its tree size)
   */
  long size(TenantId tenant);

  /**
   * @param tenant whose log
   * @param index an entry's position
   * @return the entry, if the log has one there
   */
  Optional<AuditEntry> entry(TenantId tenant, long index);

  /**
   * @param tenant whose log
   * @param query filters and page
   * @return matching entries, newest first
   */
  AuditEntryPage query(TenantId tenant, AuditQuery query);

  /**
   * @param tenant whose log
   * @param index the entry, below {@code treeSize}
   * @param treeSize a size no larger than the log's
   * @return the inclusion proof (RFC 9162 §2.1.3.1) and the stored leaf hash
   * @throws TreeSizeExceededException when the size is larger than the log's
   * @throws IllegalArgumentException when the index or size is otherwise out of range
   */
  AuditInclusionProof inclusionProof(TenantId tenant, long index, long treeSize);

  /**
   * @param tenant whose log
   * @param from the smaller tree size
   * @param to the larger tree size, no larger than the log's
   * @return the consistency proof (RFC 9162 §2.1.4.1)
   * @throws TreeSizeExceededException when {@code to} is larger than the log's size
   * @throws IllegalArgumentException when the sizes are otherwise out of range
   */
  Rfc9162ConsistencyProof consistencyProof(TenantId tenant, long from, long to);

  /**
   * The latest signed checkpoint, signing one first when there is none yet or when the log has
   * grown since the latest and it is older than the checkpoint interval.
   *
   * @param tenant whose log
   * @return the checkpoint
   */
  AuditCheckpoint checkpoint(TenantId tenant);

  /**
   * Signs a checkpoint of the log as it is now, unless the latest already covers every entry.
   *
   * @param tenant whose log
   * @return the latest checkpoint afterwards
   */
  AuditCheckpoint checkpointNow(TenantId tenant);

  /**
   * @param tenant whose log
   * @return the C2SP verifier keys that have signed its checkpoints, oldest first
   */
  List<String> verifierKeys(TenantId tenant);

  /**
   * Streams entries {@code [from, to)} as a bulwark-ledger export (JSON Lines, format version 1): a
   * header with the log's origin, the tenant, the signed checkpoint, the log's verifier keys and
   * the range proof binding the range to the checkpoint's root, then one line per entry with its
   * <em>stored</em> leaf hash, so that an entry altered in storage is named by offline
   * verification. Reads the log in pages inside one repeatable-read snapshot; memory does not grow
   * with the range.
   *
   * @param tenant whose log
   * @param checkpoint a signed checkpoint of the log, the one the range is proven against
   * @param from the first entry
   * @param to one past the last entry, at most the checkpoint's tree size
   * @param out where the lines go; flushed, not closed
   * @throws IllegalArgumentException when the range is not within the checkpoint
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
   */
  void export(TenantId tenant, AuditCheckpoint checkpoint, long from, long to, Writer out);

  /**
   * Re-verifies entries {@code [from, to)} against the tree head and the latest checkpoint.
   *
   * @param tenant whose log
   * @param from the first entry, 0 when null
   * @param to one past the last entry, the tree size when null
   * @return the outcome
   * @throws io.bulwark.platform.problem.InvalidFieldException when the range is not within the log
   */
  LedgerVerification verify(TenantId tenant, @Nullable Long from, @Nullable Long to);
}
