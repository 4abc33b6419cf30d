package io.bulwark.tenancy;

import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer organisation served by Bulwark.
 *
 * @param id the tenant's identity
 * @param slug its unique name in URLs
 * @param displayName a human name
 * @param region the data-residency region its data must stay in (free text such as {@code eu-west})
 * @param status whether it may use the platform
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Tenant(
    TenantId id,
    TenantSlug slug,
    String displayName,
    String region,
    TenantStatus status,
    Instant createdAt,
    Instant updatedAt) {

  public Tenant {
    Objects.requireNonNull(id);
    Objects.requireNonNull(slug);
    Objects.requireNonNull(status);
    displayName = requireDisplayName(displayName);
    region = requireRegion(region);
  }

  /**
   * @return whether the tenant is active
   */
  public boolean active() {
    return status == TenantStatus.ACTIVE;
  }

  static String requireDisplayName(String displayName) {
    if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
      throw new InvalidFieldException("display_name", "must be 1 to 200 characters");
    }
    return displayName.strip();
  }

  static String requireRegion(String region) {
    if (region == null || !region.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new InvalidFieldException(
          "region", "is required: lower-case letters, digits and dashes, such as eu-west");
    }
    return region;
  }
}
