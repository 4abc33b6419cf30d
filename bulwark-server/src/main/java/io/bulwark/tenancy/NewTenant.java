package io.bulwark.tenancy;

import java.util.Objects;

/**
 * What it takes to create a tenant.
 *
 * @param slug its unique name
 * @param displayName a human name
 * @param region its data-residency region
 */
public record NewTenant(TenantSlug slug, String displayName, String region) {

  public NewTenant {
    Objects.requireNonNull(slug);
    displayName = Tenant.requireDisplayName(displayName);
    region = Tenant.requireRegion(region);
  }
}
