package io.bulwark.ledger.note;

import java.util.List;

/**
 * Signs checkpoints as signed notes with the log's key. The key name should be the log's origin.
 *
 * @see <a href="https://c2sp.org/tlog-checkpoint#signatures">C2SP tlog-checkpoint, Signatures</a>
 */
public final class TlogCheckpointSigner {

  private final List<SignedNoteSignerKey> keys;

  /** Signs with {@code key}. */
  public TlogCheckpointSigner(SignedNoteSignerKey key) {
    this(List.of(key));
  }

  /** Signs with every key in order (e.g. during a key rotation). */
  public TlogCheckpointSigner(List<SignedNoteSignerKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is required");
    }
    this.keys = List.copyOf(keys);
  }

  /** The signed note. */
  public SignedNote signNote(TlogCheckpoint checkpoint) {
    return SignedNote.sign(checkpoint.toNoteText(), keys);
  }

  /** The signed note as text, ready to publish. */
  public String sign(TlogCheckpoint checkpoint) {
    return signNote(checkpoint).format();
  }
}
