package io.bulwark.identity.internal;

import io.bulwark.authorization.AccessDecision;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permission;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.Principal;
import io.bulwark.identity.Issuers;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.ProblemDecision;
import io.bulwark.platform.web.RequestLogFilter;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The first, coarse gate of every API request. The caller's tenant must be active. The tenant
 * registry and the metrics need the {@code tenants:*} and {@code metrics:read} permissions (held
 * through platform roles). A tenant's own resources ({@code /api/v1/tenants/{slug}/…}) are closed
 * while the tenant is suspended and open only to that tenant's principals and to the system
 * tenant's; each endpoint then asks {@link AccessDecisions} for its exact permission.
 */
@Component
final class ApiAccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

  private static final String TENANTS = "/api/v1/tenants";

  private final Tenants tenants;
  private final AccessDecisions decisions;

  ApiAccessPolicy(Tenants tenants, AccessDecisions decisions) {
    this.tenants = tenants;
    this.decisions = decisions;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
      return ProblemDecision.deny(ProblemType.UNAUTHENTICATED, "A bearer token is required");
    }
    HttpServletRequest request = context.getRequest();
    Optional<Tenant> callerTenant =
        Issuers.slugOfIssuer(String.valueOf(token.getToken().getClaimAsString("iss")))
            .flatMap(tenants::find);
    if (callerTenant.isEmpty() || !callerTenant.get().active()) {
      return ProblemDecision.deny(ProblemType.TENANT_SUSPENDED, "The caller's tenant is suspended");
    }
    request.setAttribute(RequestLogFilter.TENANT_ATTRIBUTE, callerTenant.get().slug().value());
    Principal principal = decisions.principalOf(token);
    String path = request.getRequestURI();
    if (path.startsWith("/actuator/")) {
      return platformPermission(principal, Permissions.METRICS_READ);
    }
    if (isTenantRegistry(path)) {
      boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
      return platformPermission(
          principal, reading ? Permissions.TENANTS_READ : Permissions.TENANTS_WRITE);
    }
    if (path.startsWith(TENANTS + "/")) {
      return tenantResource(path, principal);
    }
    return ProblemDecision.allow("authenticated caller");
  }

  private ProblemDecision platformPermission(Principal principal, Permission permission) {
    return switch (decisions.decide(principal, permission, tenants.system().id())) {
      case AccessDecision.Granted granted -> ProblemDecision.allow(granted.reason());
      case AccessDecision.Denied denied ->
          ProblemDecision.deny(ProblemType.FORBIDDEN, denied.reason());
    };
  }

  private ProblemDecision tenantResource(String path, Principal principal) {
    String slug = path.substring(TENANTS.length() + 1, path.indexOf('/', TENANTS.length() + 1));
    Optional<Tenant> target =
        TenantSlug.isValid(slug) ? tenants.find(new TenantSlug(slug)) : Optional.empty();
    if (target.isPresent() && !target.get().active()) {
      return ProblemDecision.deny(
          ProblemType.TENANT_SUSPENDED, "Tenant '" + slug + "' is suspended");
    }
    if (principal.systemTenant()) {
      return ProblemDecision.allow("system tenant principal; the endpoint checks its permission");
    }
    if (target.isPresent() && target.get().id().equals(principal.tenant())) {
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
}
