package io.bulwark.tenancy;

import io.bulwark.platform.TenantId;

/**
 * Published when a tenant has been created.
 *
 * @param tenantId the new tenant
 * @param slug its slug
 * @param region its data-residency region
 */
public record TenantCreated(TenantId tenantId, TenantSlug slug, String region) {}
