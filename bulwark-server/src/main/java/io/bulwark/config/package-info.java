/**
 * The config platform: each tenant's typed settings ({@link io.bulwark.config.TenantSettings}) and
 * feature flags ({@link io.bulwark.config.FeatureFlags}) with targeting rules and stable percentage
 * rollouts ({@link io.bulwark.config.FlagEvaluator}). Every change makes a new version with the
 * full document and an RFC 6902 JSON Patch from the previous one, and is appended to the tenant's
 * audit log in the same transaction. Secrets do not belong here: values that look like credentials
 * are refused, and the vault ({@code io.bulwark.secrets.vault}) holds them instead.
 */
@ApplicationModule(
    displayName = "Config platform",
    allowedDependencies = {"platform", "tenancy", "authorization", "audit"})
@NullMarked
package io.bulwark.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
