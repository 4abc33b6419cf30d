package io.bulwark.identity.internal;

import io.bulwark.identity.BulwarkClaims;
import io.bulwark.identity.Issuers;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.ProblemDecision;
import io.bulwark.platform.web.RequestLogFilter;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may call which API path. The caller's tenant must be active; the tenant registry and the
 * metrics are for platform administrators; a tenant's own resources ({@code
 * /api/v1/tenants/{slug}/…}) are for that tenant's tokens and platform administrators, and refused
 * to everyone while the tenant is suspended. The authorization issue refines this into permission
 * checks; every decision carries its reason.
 */
@Component
final class ApiAccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

  private static final String TENANTS = "/api/v1/tenants";

  private final Tenants tenants;

  ApiAccessPolicy(Tenants tenants) {
    this.tenants = tenants;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
      return ProblemDecision.deny(ProblemType.UNAUTHENTICATED, "A bearer token is required");
    }
    Optional<Tenant> callerTenant =
        Issuers.slugOfIssuer(String.valueOf(token.getToken().getClaimAsString("iss")))
            .flatMap(tenants::find);
    if (callerTenant.isEmpty() || !callerTenant.get().active()) {
      return ProblemDecision.deny(ProblemType.TENANT_SUSPENDED, "The caller's tenant is suspended");
    }
    context
        .getRequest()
        .setAttribute(RequestLogFilter.TENANT_ATTRIBUTE, callerTenant.get().slug().value());
    boolean platformAdmin =
        callerTenant.get().slug().equals(TenantSlug.SYSTEM)
            && rolesOf(token).contains(BulwarkClaims.PLATFORM_ADMIN_ROLE);
    String path = context.getRequest().getRequestURI();
    if (path.startsWith("/actuator/") || isTenantRegistry(path)) {
      return platformAdmin
          ? ProblemDecision.allow("platform administrator")
          : ProblemDecision.deny(ProblemType.FORBIDDEN, "Only platform administrators may do this");
    }
    if (path.startsWith(TENANTS + "/")) {
      return tenantResource(path, callerTenant.get(), platformAdmin);
    }
    return ProblemDecision.allow("authenticated caller");
  }

  private ProblemDecision tenantResource(String path, Tenant caller, boolean platformAdmin) {
    String slug = path.substring(TENANTS.length() + 1, path.indexOf('/', TENANTS.length() + 1));
    Optional<Tenant> target =
        TenantSlug.isValid(slug) ? tenants.find(new TenantSlug(slug)) : Optional.empty();
    if (target.isPresent() && !target.get().active()) {
      return ProblemDecision.deny(
          ProblemType.TENANT_SUSPENDED, "Tenant '" + slug + "' is suspended");
    }
    if (platformAdmin) {
      return ProblemDecision.allow("platform administrator");
    }
    if (target.isPresent() && target.get().id().equals(caller.id())) {
      return ProblemDecision.allow("caller's own tenant");
    }
    return ProblemDecision.deny(
        ProblemType.FORBIDDEN, "The token's tenant does not match the tenant in the path");
  }

  private static boolean isTenantRegistry(String path) {
    if (path.equals(TENANTS)) {
      return true;
    }
    return path.startsWith(TENANTS + "/") && path.indexOf('/', TENANTS.length() + 1) < 0;
  }

  private static List<String> rolesOf(JwtAuthenticationToken token) {
    List<String> roles = token.getToken().getClaimAsStringList(BulwarkClaims.ROLES);
    return roles == null ? List.of() : roles;
  }
}
