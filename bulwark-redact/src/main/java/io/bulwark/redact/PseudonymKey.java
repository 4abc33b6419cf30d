package io.bulwark.redact;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key material for {@link MaskingStrategy#pseudonymize(PseudonymKey) HMAC-SHA256 pseudonyms}.
 *
 * <p>Deliberately has no {@code toString}, {@code equals} or accessor for the raw bytes: the
 * material only leaves this object as a {@link javax.crypto.Mac} key inside this package.
 */
public final class PseudonymKey {

  private static final int MIN_LENGTH = 16;

  private final byte[] material;

  private PseudonymKey(byte[] material) {
    this.material = material;
  }

  /**
   * Wraps a copy of {@code material}; the caller should wipe its own array afterwards.
   *
   * @throws IllegalArgumentException when shorter than 16 bytes
   */
  public static PseudonymKey of(byte[] material) {
    if (material.length < MIN_LENGTH) {
      throw new IllegalArgumentException("pseudonym key must have at least 16 bytes");
    }
    return new PseudonymKey(Arrays.copyOf(material, material.length));
  }

  SecretKeySpec hmacKey() {
    return new SecretKeySpec(material, "HmacSHA256");
  }
}
