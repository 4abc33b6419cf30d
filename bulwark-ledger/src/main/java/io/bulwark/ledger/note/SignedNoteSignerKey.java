package io.bulwark.ledger.note;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A private Ed25519 note key. Secret material: deliberately no {@code toString}, {@code equals} or
 * accessor for the seed; the only way out is {@link #exportPrivateKeyString()}, named so it can be
 * found by grep, for the key-management code that wraps it (e.g. with Tink) before storage.
 *
 * <p>The string form is {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}.
 *
 * @see <a href="https://c2sp.org/signed-note#ed25519-signatures">C2SP signed-note, Ed25519</a>
 */
public final class SignedNoteSignerKey {

  private static final String PREFIX = "PRIVATE+KEY+";

  private final byte[] seed;
  private final PrivateKey privateKey;
  private final SignedNoteVerifierKey verifierKey;

  private SignedNoteSignerKey(String name, byte[] seed) {
    NoteText.requireKeyName(name);
    KeyPair pair = Ed25519.keyPairFromSeed(seed);
    this.seed = seed.clone();
    this.privateKey = pair.getPrivate();
    this.verifierKey = SignedNoteVerifierKey.of(name, Ed25519.rawPublicKey(pair.getPublic()));
  }

  /** A fresh key named {@code name} from a strong random seed. */
  public static SignedNoteSignerKey generate(String name) {
    byte[] seed = new byte[Ed25519.KEY_LENGTH];
    new SecureRandom().nextBytes(seed);
    try {
      return new SignedNoteSignerKey(name, seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Parses {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>} strictly. Error messages
   * never contain the key.
   *
   * @throws IllegalArgumentException if the text is not such a key or its ID does not match
   */
  public static SignedNoteSignerKey parse(String skey) {
    if (!skey.startsWith(PREFIX)) {
      throw new IllegalArgumentException("signer key must start with PRIVATE+KEY+");
    }
    String[] parts = skey.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("signer key must be PRIVATE+KEY+<name>+<hash>+<key>");
    }
    byte[] typeAndSeed;
    try {
      typeAndSeed = NoteText.decodeBase64(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signer key material is not canonical base64");
    }
    try {
      if (typeAndSeed.length != 1 + Ed25519.KEY_LENGTH || typeAndSeed[0] != NoteText.ED25519_TYPE) {
        throw new IllegalArgumentException("signer key is not an Ed25519 (type 0x01) key");
      }
      SignedNoteSignerKey key =
          new SignedNoteSignerKey(parts[0], Arrays.copyOfRange(typeAndSeed, 1, typeAndSeed.length));
      if (!NoteText.hex8(key.verifierKey.keyId()).equals(parts[1])) {
        throw new IllegalArgumentException("signer key hash does not match its name and key");
      }
      return key;
    } finally {
      Arrays.fill(typeAndSeed, (byte) 0);
    }
  }

  /** The key name. */
  public String name() {
    return verifierKey.name();
  }

  /** The matching public key, to publish and to configure verifiers with. */
  public SignedNoteVerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * Signs {@code text} as a note signature line's content.
   *
   * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
   */
  public SignedNoteSignature sign(String text) {
    byte[] signature =
        Ed25519.sign(privateKey, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new SignedNoteSignature(name(), verifierKey.keyId(), signature);
  }

  /** The secret string form, for wrapping and storing the key. Never log it. */
  public String exportPrivateKeyString() {
    byte[] typeAndSeed = new byte[1 + Ed25519.KEY_LENGTH];
    typeAndSeed[0] = NoteText.ED25519_TYPE;
    System.arraycopy(seed, 0, typeAndSeed, 1, Ed25519.KEY_LENGTH);
    try {
      return PREFIX
          + name()
          + "+"
          + NoteText.hex8(verifierKey.keyId())
          + "+"
          + Base64.getEncoder().encodeToString(typeAndSeed);
    } finally {
      Arrays.fill(typeAndSeed, (byte) 0);
    }
  }
}
