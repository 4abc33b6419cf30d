package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.UUID;

/**
 * Published when a user was deleted (softly) or purged for good.
 *
 * @param tenantId the tenant
 * @param userId the user
 * @param purged whether the account is gone for good
 */
public record UserDeleted(TenantId tenantId, UUID userId, boolean purged) {}
