package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.MfaPolicy;
import io.bulwark.identity.UserMfa;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's MFA policy ({@code users:read} to read, {@code users:write} to change) and the admin
 * reset of a user's TOTP factor ({@code users:write}).
 */
@RestController
class MfaController {

  private final UserMfa mfa;
  private final TenantAccess access;

  MfaController(UserMfa mfa, TenantAccess access) {
    this.mfa = mfa;
    this.access = access;
  }

  @GetMapping(
      path = "/api/v1/tenants/{slug}/settings/mfa",
      produces = MediaType.APPLICATION_JSON_VALUE)
  MfaPolicyResponse policy(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    return MfaPolicyResponse.of(mfa.policy(tenant.id()));
  }

  @PutMapping(
      path = "/api/v1/tenants/{slug}/settings/mfa",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  MfaPolicyResponse setPolicy(
      @PathVariable("slug") String slug, @RequestBody MfaPolicyRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    if (body.mode() == null) {
      throw new InvalidFieldException("mode", "is required");
    }
    MfaPolicy.Mode mode =
        switch (body.mode()) {
          case "optional" -> MfaPolicy.Mode.OPTIONAL;
          case "required" -> MfaPolicy.Mode.REQUIRED;
          case "roles" -> MfaPolicy.Mode.ROLES;
          default -> throw new InvalidFieldException("mode", "must be optional, required or roles");
        };
    return MfaPolicyResponse.of(
        mfa.setPolicy(
            tenant.id(), new MfaPolicy(mode, body.roles() == null ? List.of() : body.roles())));
  }

  @DeleteMapping("/api/v1/tenants/{slug}/users/{user_id}/mfa")
  ResponseEntity<Void> reset(
      @PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    UUID id;
    try {
      id = UUID.fromString(userId);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
    }
    mfa.reset(tenant.id(), id);
    return ResponseEntity.noContent().build();
  }

  record MfaPolicyRequest(@Nullable String mode, @Nullable List<String> roles) {}

  record MfaPolicyResponse(String mode, List<String> roles) {
    static MfaPolicyResponse of(MfaPolicy policy) {
      return new MfaPolicyResponse(policy.mode().name().toLowerCase(Locale.ROOT), policy.roles());
    }
  }
}
