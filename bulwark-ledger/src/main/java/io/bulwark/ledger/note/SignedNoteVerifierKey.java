package io.bulwark.ledger.note;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A public Ed25519 note key, in the verifier key form {@code <name>+<hex key ID>+<base64(0x01 ||
 * public key)>}. Public values: {@link #toString()} is that form.
 *
 * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
 */
public final class SignedNoteVerifierKey {

  private final String name;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  private SignedNoteVerifierKey(String name, byte[] rawPublicKey) {
    NoteText.requireKeyName(name);
    if (rawPublicKey.length != Ed25519.KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    this.name = name;
    this.rawPublicKey = rawPublicKey.clone();
    this.keyId = NoteText.ed25519KeyId(name, rawPublicKey);
    this.publicKey = Ed25519.publicKey(rawPublicKey);
  }

  /** The key named {@code name} with the RFC 8032 encoded public key {@code rawPublicKey}. */
  public static SignedNoteVerifierKey of(String name, byte[] rawPublicKey) {
    return new SignedNoteVerifierKey(name, rawPublicKey);
  }

  /**
   * Parses {@code <name>+<hex key ID>+<base64(0x01 || 32-byte public key)>} strictly: the key ID
   * must be the 8 lower-case hex digits derived from the name and key.
   *
   * @throws IllegalArgumentException if the text is not such a key
   */
  public static SignedNoteVerifierKey parse(String vkey) {
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("verifier key must be <name>+<hash>+<key>");
    }
    NoteText.requireKeyName(parts[0]);
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("verifier key hash must be 8 lower-case hex digits");
    }
    byte[] typeAndKey = NoteText.decodeBase64(parts[2]);
    if (typeAndKey.length != 1 + Ed25519.KEY_LENGTH || typeAndKey[0] != NoteText.ED25519_TYPE) {
      throw new IllegalArgumentException("verifier key is not an Ed25519 (type 0x01) key");
    }
    SignedNoteVerifierKey key =
        new SignedNoteVerifierKey(parts[0], Arrays.copyOfRange(typeAndKey, 1, typeAndKey.length));
    if (!NoteText.hex8(key.keyId).equals(parts[1])) {
      throw new IllegalArgumentException("verifier key hash does not match its name and key");
    }
    return key;
  }

  /** The key name, e.g. the log's origin. */
  public String name() {
    return name;
  }

  /** {@code SHA-256(name || 0x0A || 0x01 || public key)[:4]}, big-endian. */
  public int keyId() {
    return keyId;
  }

  /** The RFC 8032 encoded public key. */
  public byte[] rawPublicKey() {
    return rawPublicKey.clone();
  }

  /**
   * Whether {@code signature} is this key's Ed25519 signature of {@code message}.
   *
   * @see <a href="https://c2sp.org/signed-note#ed25519-signatures">C2SP signed-note, Ed25519</a>
   */
  public boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, message, signature);
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x01 || public key)>}. */
  public String encoded() {
    byte[] typeAndKey = new byte[1 + Ed25519.KEY_LENGTH];
    typeAndKey[0] = NoteText.ED25519_TYPE;
    System.arraycopy(rawPublicKey, 0, typeAndKey, 1, Ed25519.KEY_LENGTH);
    return name + "+" + NoteText.hex8(keyId) + "+" + Base64.getEncoder().encodeToString(typeAndKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedNoteVerifierKey that
        && name.equals(that.name)
        && Arrays.equals(rawPublicKey, that.rawPublicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(rawPublicKey));
  }

  @Override
  public String toString() {
    return encoded();
  }
}
