package io.bulwark.secrets.vault;

import io.bulwark.audit.AuditCaller;
import io.bulwark.platform.TenantId;
import java.util.Optional;

/**
 * Rotation of the keys under a tenant's vault: a new primary data key with a resumable background
 * rewrap of every secret version, and rotation of the key-encryption key with every tenant's data
 * keyset rewrapped. Rewrapping keeps each version's associated data (tenant, path, version). Every
 * rotation and every completed rewrap is an audit event.
 */
public interface SecretKeyRotations {

  /**
   * Makes a new primary data key for the tenant (older keys still decrypt) and starts rewrapping
   * its secret versions under it, superseding a rewrap still running.
   *
   * @param tenant whose keys
   * @param caller who and why
   * @return the rewrap started
   */
  SecretRewrap rotateDataKey(TenantId tenant, AuditCaller caller);

  /**
   * @param tenant whose rewraps
   * @return the latest rewrap, if the tenant ever rotated
   */
  Optional<SecretRewrap> latestRewrap(TenantId tenant);

  /**
   * Runs one batch of the tenant's running rewrap, if no other node is running it.
   *
   * @param tenant whose rewrap
   * @param batchSize how many versions to visit
   * @return whether the rewrap has more to do
   */
  boolean rewrapBatch(TenantId tenant, int batchSize);

  /**
   * Rotates the key-encryption key where its provider can, then rewraps every tenant's data keyset
   * still under an older one. Audited in the system tenant.
   *
   * @param caller the platform administrator
   * @return the key's id and how many keysets were rewrapped
   */
  KeyEncryptionKeyRotation rotateKeyEncryptionKey(AuditCaller caller);

  /**
   * A key-encryption-key rotation's outcome.
   *
   * @param keyEncryptionKeyId the current key's id
   * @param rotated whether a new key was made (false when the provider rotates outside the server)
   * @param rewrappedKeysets how many tenant keysets were re-encrypted under it
   */
  record KeyEncryptionKeyRotation(
      String keyEncryptionKeyId, boolean rotated, int rewrappedKeysets) {}
}
