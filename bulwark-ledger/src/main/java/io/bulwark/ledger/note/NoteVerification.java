package io.bulwark.ledger.note;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of opening a note with trusted keys.
 *
 * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
 */
public sealed interface NoteVerification {

  /**
   * At least one trusted key signed the note and no trusted key's signature failed.
   *
   * @param note the parsed note; its text may now be used
   * @param verifiedBy trusted keys whose signatures verified
   */
  record Verified(SignedNote note, List<SignedNoteVerifierKey> verifiedBy)
      implements NoteVerification {

    /** Requires at least one verifying key. */
    public Verified {
      Objects.requireNonNull(note, "note");
      verifiedBy = List.copyOf(verifiedBy);
      if (verifiedBy.isEmpty()) {
        throw new IllegalArgumentException("a verified note has at least one verifying key");
      }
    }
  }

  /**
   * The note must not be used.
   *
   * @param reason why, without the note's content
   */
  record Rejected(String reason) implements NoteVerification {

    /** Requires a reason. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
