package io.bulwark.authorization.internal;

import io.bulwark.authorization.AccessDecision;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permission;
import io.bulwark.authorization.Principal;
import io.bulwark.authorization.Role;
import io.bulwark.authorization.Roles;
import io.bulwark.authorization.ScopedRole;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenants;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;

/**
 * Role-based decisions. A tenant role grants its permissions within the principal's own tenant; a
 * platform role grants them in every tenant, but only when held by a principal of the system
 * tenant. Unknown role names grant nothing.
 */
@Service
final class RoleBasedAccessDecisions implements AccessDecisions {

  private final Roles roles;
  private final Tenants tenants;

  RoleBasedAccessDecisions(Roles roles, Tenants tenants) {
    this.roles = roles;
    this.tenants = tenants;
  }

  @Override
  public AccessDecision decide(
      Principal principal,
      Permission permission,
      TenantId resourceTenant,
      @Nullable String resource) {
    boolean ownTenant = principal.tenant().equals(resourceTenant);
    boolean narrowedElsewhere = false;
    for (String held : principal.roles()) {
      ScopedRole scoped = parse(held);
      if (scoped == null) {
        continue;
      }
      String name = scoped.role();
      Role role = roles.find(name).orElse(null);
      if (role == null || !role.grants(permission)) {
        continue;
      }
      if (scoped.resourcePrefix() != null) {
        if (!role.narrowable() || !permission.narrowable() || !ownTenant) {
          continue;
        }
        if (!scoped.covers(resource)) {
          narrowedElsewhere = true;
          continue;
        }
        return new AccessDecision.Granted(
            "role " + name + " on " + scoped.resourcePrefix() + " grants " + permission);
      }
      if (role.scope() == Role.Scope.PLATFORM && principal.systemTenant()) {
        return new AccessDecision.Granted("platform role " + name + " grants " + permission);
      }
      if (role.scope() == Role.Scope.TENANT && ownTenant) {
        return new AccessDecision.Granted("role " + name + " grants " + permission);
      }
    }
    if (!ownTenant && !principal.systemTenant()) {
      return new AccessDecision.Denied("The caller's tenant does not own this resource");
    }
    if (narrowedElsewhere) {
      return new AccessDecision.Denied(
          "The caller's roles grant " + permission + " only under other path prefixes");
    }
    return new AccessDecision.Denied("No role of the caller grants " + permission);
  }

  private static @Nullable ScopedRole parse(String held) {
    try {
      return ScopedRole.parse(held);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  @Override
  public Principal require(
      Permission permission, TenantId resourceTenant, @Nullable String resource) {
    Principal principal = currentPrincipal();
    return switch (decide(principal, permission, resourceTenant, resource)) {
      case AccessDecision.Granted granted -> principal;
      case AccessDecision.Denied denied ->
          throw new ApiProblem(ProblemType.FORBIDDEN, denied.reason());
    };
  }

  @Override
  public Principal currentPrincipal() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new ApiProblem(ProblemType.UNAUTHENTICATED, "A bearer token is required");
    }
    return principalOf(token);
  }

  @Override
  public Principal principalOf(JwtAuthenticationToken token) {
    TenantId tenant = TenantId.parse(token.getToken().getClaimAsString(BulwarkClaims.TENANT_ID));
    List<String> roleClaim = token.getToken().getClaimAsStringList(BulwarkClaims.ROLES);
    Set<String> held = roleClaim == null ? Set.of() : new HashSet<>(roleClaim);
    Principal.Type type =
        "client".equals(token.getToken().getClaimAsString(BulwarkClaims.PRINCIPAL_TYPE))
            ? Principal.Type.CLIENT
            : Principal.Type.USER;
    return new Principal(tenant, type, token.getName(), held, tenants.system().id().equals(tenant));
  }
}
