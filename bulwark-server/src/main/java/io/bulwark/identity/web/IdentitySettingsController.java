package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.IdentitySettings;
import io.bulwark.identity.LockoutPolicy;
import io.bulwark.identity.TokenLifetimes;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.tenancy.Tenant;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's token lifetimes and lockout policy, beside its MFA policy ({@link MfaController}) and
 * under the same permissions: {@code users:read} to read, {@code users:write} to change. A PUT
 * replaces the whole setting; every field is required.
 */
@RestController
class IdentitySettingsController {

  private static final String TOKENS = "/api/v1/tenants/{slug}/settings/tokens";
  private static final String LOCKOUT = "/api/v1/tenants/{slug}/settings/lockout";

  private final IdentitySettings settings;
  private final TenantAccess access;

  IdentitySettingsController(IdentitySettings settings, TenantAccess access) {
    this.settings = settings;
    this.access = access;
  }

  @GetMapping(path = TOKENS, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> tokens(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    return settings.tokenLifetimes(tenant.id()).asFields();
  }

  @PutMapping(
      path = TOKENS,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> setTokens(
      @PathVariable("slug") String slug, @RequestBody TokenLifetimesRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    TokenLifetimes lifetimes =
        new TokenLifetimes(
            duration("access_token_ttl", body.accessTokenTtl()),
            duration("refresh_token_ttl", body.refreshTokenTtl()),
            duration("authorization_code_ttl", body.authorizationCodeTtl()),
            duration("id_token_ttl", body.idTokenTtl()));
    return settings.setTokenLifetimes(tenant.id(), lifetimes).asFields();
  }

  @GetMapping(path = LOCKOUT, produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> lockout(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    return settings.lockoutPolicy(tenant.id()).asFields();
  }

  @PutMapping(
      path = LOCKOUT,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> setLockout(
      @PathVariable("slug") String slug, @RequestBody LockoutPolicyRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    LockoutPolicy policy =
        new LockoutPolicy(
            count("max_failures_per_account", body.maxFailuresPerAccount()),
            count("max_failures_per_address", body.maxFailuresPerAddress()),
            duration("base_lockout", body.baseLockout()),
            duration("max_lockout", body.maxLockout()),
            duration("failure_reset", body.failureReset()));
    return settings.setLockoutPolicy(tenant.id(), policy).asFields();
  }

  private static Duration duration(String field, @Nullable String value) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "must be an ISO-8601 duration such as PT5M");
    }
  }

  private static int count(String field, @Nullable Integer value) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    return value;
  }

  record TokenLifetimesRequest(
      @Nullable String accessTokenTtl,
      @Nullable String refreshTokenTtl,
      @Nullable String authorizationCodeTtl,
      @Nullable String idTokenTtl) {}

  record LockoutPolicyRequest(
      @Nullable Integer maxFailuresPerAccount,
      @Nullable Integer maxFailuresPerAddress,
      @Nullable String baseLockout,
      @Nullable String maxLockout,
      @Nullable String failureReset) {}
}
