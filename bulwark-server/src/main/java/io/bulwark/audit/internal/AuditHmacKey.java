package io.bulwark.audit.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.prf.HmacPrfKey;
import com.google.crypto.tink.prf.HmacPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import com.google.crypto.tink.util.SecretBytes;
import io.bulwark.audit.AuditHashes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A tenant's audit HMAC-SHA256 key, ready to use: a Tink HMAC PRF (thread-safe; it keeps one
 * initialised {@code Mac} per thread). Holds no accessor to the key bytes and no {@code toString}
 * that could show them.
 */
final class AuditHmacKey {

  static final int KEY_BYTES = 32;
  private static final int TAG_BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();
  private static final HmacPrfParameters PARAMETERS = parameters();

  private final Prf prf;

  private AuditHmacKey(Prf prf) {
    this.prf = prf;
  }

  /**
   * @param material 32 key bytes; copied, so the caller may wipe them
   * @return the key
   */
  static AuditHmacKey of(byte[] material) {
    if (material.length != KEY_BYTES) {
      throw new IllegalArgumentException("an audit HMAC key has " + KEY_BYTES + " bytes");
    }
    try {
      return new AuditHmacKey(
          PrfHmacJce.create(
              HmacPrfKey.builder()
                  .setParameters(PARAMETERS)
                  .setKeyBytes(SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()))
                  .build()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * @param value a text
   * @return {@code hmac-sha256:<hex>} of its UTF-8 bytes
   */
  String hash(String value) {
    return hash(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param value bytes
   * @return {@code hmac-sha256:<hex>} of them
   */
  String hash(byte[] value) {
    try {
      return AuditHashes.PREFIX + HEX.formatHex(prf.compute(value, TAG_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed", e);
    }
  }

  private static HmacPrfParameters parameters() {
    try {
      return HmacPrfParameters.builder()
          .setKeySizeBytes(KEY_BYTES)
          .setHashType(HmacPrfParameters.HashType.SHA256)
          .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
