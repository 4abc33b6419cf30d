package io.bulwark.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens notes with a set of trusted keys. Signatures whose (name, key ID) matches no trusted key
 * are ignored, as the spec requires; a trusted key's signature that fails to verify rejects the
 * whole note; at least one trusted signature must verify.
 *
 * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
 */
public final class SignedNoteVerifier {

  private record KeyRef(String name, int keyId) {}

  private final Map<KeyRef, SignedNoteVerifierKey> keys = new HashMap<>();

  /**
   * Trusts {@code keys}.
   *
   * @throws IllegalArgumentException if empty, or if two different keys share name and key ID
   */
  public SignedNoteVerifier(Collection<SignedNoteVerifierKey> trusted) {
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted key is required");
    }
    for (SignedNoteVerifierKey key : trusted) {
      SignedNoteVerifierKey previous = keys.putIfAbsent(new KeyRef(key.name(), key.keyId()), key);
      if (previous != null && !previous.equals(key)) {
        throw new IllegalArgumentException(
            "two trusted keys share name " + key.name() + " and key ID");
      }
    }
  }

  /** Parses and verifies {@code note}. */
  public NoteVerification open(String note) {
    SignedNote parsed;
    try {
      parsed = SignedNote.parse(note);
    } catch (IllegalArgumentException e) {
      return new NoteVerification.Rejected("malformed note: " + e.getMessage());
    }
    return verify(parsed);
  }

  /** Verifies an already parsed note. */
  public NoteVerification verify(SignedNote note) {
    byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
    List<SignedNoteVerifierKey> verifiedBy = new ArrayList<>();
    for (SignedNoteSignature signature : note.signatures()) {
      SignedNoteVerifierKey key = keys.get(new KeyRef(signature.keyName(), signature.keyId()));
      if (key == null) {
        continue;
      }
      if (!key.verify(message, signature.signature())) {
        return new NoteVerification.Rejected(
            "signature by trusted key " + key.name() + " does not verify");
      }
      if (!verifiedBy.contains(key)) {
        verifiedBy.add(key);
      }
    }
    if (verifiedBy.isEmpty()) {
      return new NoteVerification.Rejected("no signature from a trusted key");
    }
    return new NoteVerification.Verified(note, verifiedBy);
  }
}
