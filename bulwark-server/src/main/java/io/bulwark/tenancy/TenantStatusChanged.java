package io.bulwark.tenancy;

import io.bulwark.platform.TenantId;

/**
 * Published when a tenant was suspended or reactivated.
 *
 * @param tenantId the tenant
 * @param slug its slug
 * @param from the previous status
 * @param to the new status
 */
public record TenantStatusChanged(
    TenantId tenantId, TenantSlug slug, TenantStatus from, TenantStatus to) {}
