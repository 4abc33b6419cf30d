package io.bulwark.ledger.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable 32-byte SHA-256 digest: a leaf hash, a node hash or a tree head.
 *
 * <p>Hashes are public values, so {@link #toString()} shows them (hex).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 */
public final class Sha256Hash {

  /** Length of a SHA-256 digest in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Sha256Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies a 32-byte digest.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Sha256Hash of(byte[] bytes) {
    requireLength(bytes.length);
    return new Sha256Hash(bytes.clone());
  }

  /** Copies the 32 bytes of {@code source} starting at {@code offset}. */
  public static Sha256Hash of(byte[] source, int offset) {
    return new Sha256Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /** Wraps an array the caller promises never to modify again. */
  static Sha256Hash wrap(byte[] bytes) {
    requireLength(bytes.length);
    return new Sha256Hash(bytes);
  }

  /**
   * Decodes canonical standard base64 (RFC 4648 §4, padded, zero trailing bits).
   *
   * @throws IllegalArgumentException if the text is not base64 of exactly 32 bytes
   */
  public static Sha256Hash fromBase64(String base64) {
    byte[] decoded = Base64.getDecoder().decode(base64);
    if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new IllegalArgumentException("not canonical padded base64");
    }
    return of(decoded);
  }

  /**
   * Decodes lower- or upper-case hex.
   *
   * @throws IllegalArgumentException if the text is not hex of exactly 32 bytes
   */
  public static Sha256Hash fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** Returns a copy of the digest. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Copies the digest into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** Compares with 32 bytes of {@code other} starting at {@code offset}. */
  public boolean equalsBytes(byte[] other, int offset) {
    return Arrays.equals(bytes, 0, LENGTH, other, offset, offset + LENGTH);
  }

  /** Standard padded base64, as used in checkpoints and exports. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lower-case hex. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sha256Hash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }

  private static void requireLength(int length) {
    if (length != LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 hash is " + LENGTH + " bytes, got " + length + " bytes");
    }
  }
}
