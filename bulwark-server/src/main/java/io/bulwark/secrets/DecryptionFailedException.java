package io.bulwark.secrets;

import io.bulwark.platform.TenantId;

/**
 * A ciphertext did not decrypt: it was altered, moved to another record, or belongs to another
 * tenant. This is a security event, never a client mistake.
 */
public final class DecryptionFailedException extends RuntimeException {

  private final TenantId tenant;

  /**
   * @param tenant the tenant whose keys were tried
   * @param cause the cryptographic failure
   */
  public DecryptionFailedException(TenantId tenant, Throwable cause) {
    super("Ciphertext failed authentication for tenant " + tenant, cause);
    this.tenant = tenant;
  }

  /**
   * @return the tenant whose keys were tried
   */
  public TenantId tenant() {
    return tenant;
  }
}
