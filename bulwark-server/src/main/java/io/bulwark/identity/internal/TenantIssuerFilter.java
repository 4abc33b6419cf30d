package io.bulwark.identity.internal;

import io.bulwark.identity.Issuers;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.problem.ProblemResponseWriter;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.RequestLogFilter;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the tenant of every request under {@code /t/{slug}} before the authorization server sees
 * it: an unknown tenant answers 404, a suspended one 403, and an active one is bound to the request
 * so that its clients, keys and tokens are the only ones the database shows.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class TenantIssuerFilter extends OncePerRequestFilter {

  private final Tenants tenants;
  private final ProblemResponseWriter problems;

  TenantIssuerFilter(Tenants tenants, ProblemResponseWriter problems) {
    this.tenants = tenants;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(Issuers.PATH_PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String slug = Issuers.slugOfRequestPath(request.getRequestURI()).orElse("");
    Optional<Tenant> tenant =
        TenantSlug.isValid(slug) ? tenants.find(new TenantSlug(slug)) : Optional.empty();
    if (tenant.isEmpty()) {
      problems.write(response, ProblemType.TENANT_NOT_FOUND, "No such tenant issuer");
      return;
    }
    request.setAttribute(RequestLogFilter.TENANT_ATTRIBUTE, slug);
    if (!tenant.get().active()) {
      problems.write(response, ProblemType.TENANT_SUSPENDED, "Tenant '" + slug + "' is suspended");
      return;
    }
    TenantContext.bind(tenant.get().id());
    try {
      chain.doFilter(request, response);
    } finally {
      TenantContext.clear();
    }
  }
}
