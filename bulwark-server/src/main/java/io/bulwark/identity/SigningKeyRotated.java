package io.bulwark.identity;

import io.bulwark.platform.TenantId;

/**
 * Published when a tenant's signing keys rotated.
 *
 * @param tenantId the tenant
 * @param currentKid the key that signs from now on
 * @param algorithm its algorithm
 * @param scheduled whether the rotation was the periodic one rather than on demand
 */
public record SigningKeyRotated(
    TenantId tenantId, String currentKid, SigningAlgorithm algorithm, boolean scheduled) {}
