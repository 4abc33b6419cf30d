package io.bulwark.secrets;

import io.bulwark.platform.TenantId;

/**
 * Rotation of the keys behind {@link TenantEncryption}: a tenant's data keyset gains a new primary
 * key (older keys stay and still decrypt, so nothing breaks while ciphertexts are rewrapped), and
 * the key-encryption key can be rotated with every tenant keyset rewrapped under it.
 *
 * <p>Old data keys are never removed: other modules' ciphertexts (the audit log's checkpoint keys)
 * still name them. This is Vault's transit default too ({@code min_decryption_version} stays 1).
 */
public interface EncryptionKeys {

  /**
   * Adds a new AES-256-GCM key to the tenant's data keyset and makes it primary.
   *
   * @param tenant whose keyset
   * @return the new primary key and how many keys the keyset holds
   */
  DataKeyRotation rotateDataKey(TenantId tenant);

  /**
   * @param tenant whose keyset
   * @return the id of the key new ciphertexts are made with, as stored now (the keyset is re-read,
   *     so this node encrypts under it from here on)
   */
  int primaryDataKeyId(TenantId tenant);

  /**
   * @param ciphertext what {@link TenantEncryption#encrypt} returned
   * @return the id of the data key that made it (from Tink's output prefix)
   * @throws IllegalArgumentException when it is too short to carry one
   */
  static int dataKeyIdOf(byte[] ciphertext) {
    if (ciphertext.length < 5 || ciphertext[0] != 1) {
      throw new IllegalArgumentException("Not a Tink ciphertext with a key-id prefix");
    }
    return ((ciphertext[1] & 0xff) << 24)
        | ((ciphertext[2] & 0xff) << 16)
        | ((ciphertext[3] & 0xff) << 8)
        | (ciphertext[4] & 0xff);
  }

  /**
   * @return the id of the key-encryption key that wraps new keysets
   */
  String keyEncryptionKeyId();

  /**
   * Rotates the key-encryption key where the provider can ({@link
   * KeyEncryptionKeyProvider#rotatable()}); otherwise keeps the current one.
   *
   * @return the current key-encryption key's id afterwards
   */
  String rotateKeyEncryptionKey();

  /**
   * @return whether the provider can rotate the key-encryption key itself
   */
  boolean keyEncryptionKeyRotatable();

  /**
   * Re-encrypts the tenant's data keyset under the current key-encryption key, if it is under
   * another.
   *
   * @param tenant whose keyset
   * @return whether it was rewrapped
   */
  boolean rewrapDataKeyset(TenantId tenant);

  /**
   * A data-key rotation's outcome.
   *
   * @param primaryKeyId the new primary key's id
   * @param keyCount how many keys the keyset holds now
   */
  record DataKeyRotation(int primaryKeyId, int keyCount) {}
}
