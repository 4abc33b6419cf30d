package io.bulwark.ledger.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 9162 hashing rules with SHA-256: {@code leaf = SHA-256(0x00 || data)} and {@code node =
 * SHA-256(0x01 || left || right)}, the domain separation that stops a leaf from posing as a node.
 *
 * <p>Holds a reusable {@link MessageDigest}, so an instance is not thread-safe: use one per thread.
 * The array-based methods allocate nothing, for the verification hot loops.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class Rfc9162Hasher {

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private final MessageDigest sha256;
  private final byte[] nodeInput = new byte[1 + 2 * Sha256Hash.LENGTH];

  private Rfc9162Hasher(MessageDigest sha256) {
    this.sha256 = sha256;
    this.nodeInput[0] = NODE_PREFIX;
  }

  /** Creates a hasher with its own SHA-256 instance. */
  public static Rfc9162Hasher create() {
    try {
      return new Rfc9162Hasher(MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * The hash of the empty tree, {@code SHA-256()}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   */
  public Sha256Hash emptyRoot() {
    return Sha256Hash.wrap(sha256.digest());
  }

  /** {@code SHA-256(0x00 || leafData)}. */
  public Sha256Hash leafHash(byte[] leafData) {
    byte[] out = new byte[Sha256Hash.LENGTH];
    leafHash(leafData, 0, leafData.length, out, 0);
    return Sha256Hash.wrap(out);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public Sha256Hash nodeHash(Sha256Hash left, Sha256Hash right) {
    byte[] out = new byte[Sha256Hash.LENGTH];
    nodeHash(left.bytes(), 0, right.bytes(), 0, out, 0);
    return Sha256Hash.wrap(out);
  }

  /** Writes {@code SHA-256(0x00 || data[offset, offset + length))} to {@code out[outOffset..]}. */
  public void leafHash(byte[] data, int offset, int length, byte[] out, int outOffset) {
    sha256.update(LEAF_PREFIX);
    sha256.update(data, offset, length);
    finish(out, outOffset);
  }

  /**
   * Writes {@code SHA-256(0x01 || left || right)} to {@code out[outOffset..]}; {@code out} may
   * overlap either input.
   */
  public void nodeHash(
      byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    System.arraycopy(left, leftOffset, nodeInput, 1, Sha256Hash.LENGTH);
    System.arraycopy(right, rightOffset, nodeInput, 1 + Sha256Hash.LENGTH, Sha256Hash.LENGTH);
    sha256.update(nodeInput, 0, nodeInput.length);
    finish(out, outOffset);
  }

  private void finish(byte[] out, int outOffset) {
    try {
      sha256.digest(out, outOffset, Sha256Hash.LENGTH);
    } catch (DigestException e) {
      throw new IllegalArgumentException("no room for a digest at offset " + outOffset, e);
    }
  }
}
