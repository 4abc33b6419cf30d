package io.bulwark.ledger.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a note: {@code — <key name> base64(key ID || signature)}.
 *
 * @param keyName name of the signing key
 * @param keyId the 32-bit key ID, big-endian on the wire
 * @param signature the algorithm's signature bytes (64 for Ed25519)
 * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
 */
public record SignedNoteSignature(String keyName, int keyId, byte[] signature) {

  /** Validates the name and copies the signature. */
  public SignedNoteSignature {
    NoteText.requireKeyName(keyName);
    if (signature.length == 0) {
      throw new IllegalArgumentException("signature is empty");
    }
    signature = signature.clone();
  }

  /** A copy of the signature bytes. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The line without its newline: em dash, space, name, space, base64(key ID || signature). */
  public String line() {
    byte[] blob = new byte[4 + signature.length];
    blob[0] = (byte) (keyId >>> 24);
    blob[1] = (byte) (keyId >>> 16);
    blob[2] = (byte) (keyId >>> 8);
    blob[3] = (byte) keyId;
    System.arraycopy(signature, 0, blob, 4, signature.length);
    return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(blob);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedNoteSignature that
        && keyName.equals(that.keyName)
        && keyId == that.keyId
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line();
  }
}
