package io.bulwark.ledger.note;

import java.util.Collection;

/**
 * Verifies signed checkpoints: the note must verify with a trusted key (see {@link
 * SignedNoteVerifier}) and its text must be a well-formed checkpoint, optionally of an expected
 * origin.
 *
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
public final class TlogCheckpointVerifier {

  private final SignedNoteVerifier notes;

  /** Trusts {@code keys}. */
  public TlogCheckpointVerifier(Collection<SignedNoteVerifierKey> keys) {
    this.notes = new SignedNoteVerifier(keys);
  }

  /** Verifies a signed checkpoint of any origin. */
  public CheckpointVerification verify(String signedCheckpoint) {
    return switch (notes.open(signedCheckpoint)) {
      case NoteVerification.Rejected rejected ->
          new CheckpointVerification.Rejected(rejected.reason());
      case NoteVerification.Verified verified -> {
        try {
          yield new CheckpointVerification.Verified(
              TlogCheckpoint.parse(verified.note().text()), verified.verifiedBy());
        } catch (IllegalArgumentException e) {
          yield new CheckpointVerification.Rejected("malformed checkpoint: " + e.getMessage());
        }
      }
    };
  }

  /** Verifies a signed checkpoint that must be for {@code expectedOrigin}. */
  public CheckpointVerification verify(String signedCheckpoint, String expectedOrigin) {
    CheckpointVerification outcome = verify(signedCheckpoint);
    if (outcome instanceof CheckpointVerification.Verified verified
        && !verified.checkpoint().origin().equals(expectedOrigin)) {
      return new CheckpointVerification.Rejected(
          "checkpoint origin is not the expected " + expectedOrigin);
    }
    return outcome;
  }
}
