package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Inspection and rotation of a tenant's token-signing keys. */
public interface TenantSigningKeys {

  /**
   * @param tenant a tenant
   * @return every key it has had, newest first, without private parts
   */
  List<SigningKeyInfo> list(TenantId tenant);

  /**
   * Rotates the tenant's keys now and publishes {@link SigningKeyRotated}.
   *
   * @param tenant the tenant
   * @param algorithm the algorithm from now on, or null to keep the current one
   * @return the keys after rotation
   */
  List<SigningKeyInfo> rotate(TenantId tenant, @Nullable SigningAlgorithm algorithm);
}
