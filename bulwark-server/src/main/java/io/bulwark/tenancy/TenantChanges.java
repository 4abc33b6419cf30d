package io.bulwark.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * A partial update of a tenant: absent members stay as they are.
 *
 * @param displayName a new display name, or null
 * @param status a new status, or null
 */
public record TenantChanges(@Nullable String displayName, @Nullable TenantStatus status) {

  public TenantChanges {
    if (displayName != null) {
      displayName = Tenant.requireDisplayName(displayName);
    }
  }
}
