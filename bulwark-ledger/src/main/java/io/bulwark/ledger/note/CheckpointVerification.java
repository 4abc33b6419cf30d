package io.bulwark.ledger.note;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of verifying a signed checkpoint.
 *
 * @see <a href="https://c2sp.org/tlog-checkpoint#signatures">C2SP tlog-checkpoint, Signatures</a>
 */
public sealed interface CheckpointVerification {

  /**
   * A trusted key signed a well-formed checkpoint.
   *
   * @param checkpoint the tree head, now trustworthy
   * @param verifiedBy trusted keys whose signatures verified
   */
  record Verified(TlogCheckpoint checkpoint, List<SignedNoteVerifierKey> verifiedBy)
      implements CheckpointVerification {

    /** Requires a checkpoint and keys. */
    public Verified {
      Objects.requireNonNull(checkpoint, "checkpoint");
      verifiedBy = List.copyOf(verifiedBy);
    }
  }

  /**
   * The checkpoint must not be used.
   *
   * @param reason why
   */
  record Rejected(String reason) implements CheckpointVerification {

    /** Requires a reason. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
