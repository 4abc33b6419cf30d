package io.bulwark.audit;

import io.bulwark.ledger.merkle.Sha256Hash;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed tree head of a tenant's log: a C2SP {@code tlog-checkpoint} signed as a C2SP {@code
 * signed-note} with the tenant's Ed25519 log key.
 *
 * @param treeSize how many entries it covers
 * @param rootHash the RFC 9162 §2.1.1 root over them
 * @param signedNote the note, exactly as served
 * @param createdAt when it was signed
 * @see <a href="https://github.com/C2SP/C2SP/blob/main/tlog-checkpoint.md">C2SP tlog-checkpoint</a>
 */
public record AuditCheckpoint(
    long treeSize, Sha256Hash rootHash, String signedNote, Instant createdAt) {

  public AuditCheckpoint {
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(signedNote, "signedNote");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
