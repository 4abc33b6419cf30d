package io.bulwark.secrets;

import io.bulwark.platform.TenantId;

/**
 * Encryption at rest for every module: AES-256-GCM under the tenant's own data keyset, which is
 * stored encrypted under the key-encryption key. The associated data binds a ciphertext to the
 * record it belongs to, so it cannot be moved to another record or tenant.
 */
public interface TenantEncryption {

  /**
   * @param tenant whose data key to use
   * @param plaintext what to encrypt
   * @param associatedData what the ciphertext is bound to (such as tenant, table and key)
   * @return the ciphertext, carrying the id of the data key that made it
   */
  byte[] encrypt(TenantId tenant, byte[] plaintext, byte[] associatedData);

  /**
   * @param tenant whose data keys to use
   * @param ciphertext what {@link #encrypt} returned
   * @param associatedData the same associated data as at encryption
   * @return the plaintext
   * @throws DecryptionFailedException when the ciphertext was altered, moved, or made under another
   *     tenant's keys
   */
  byte[] decrypt(TenantId tenant, byte[] ciphertext, byte[] associatedData);
}
