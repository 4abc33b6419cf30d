package io.bulwark.authorization;

import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The first two lines of every tenant sub-resource endpoint in one call: find the tenant the path
 * names, then ask the decision point whether the caller may use the permission there.
 */
@Component
public final class TenantAccess {

  private final Tenants tenants;
  private final AccessDecisions decisions;

  TenantAccess(Tenants tenants, AccessDecisions decisions) {
    this.tenants = tenants;
    this.decisions = decisions;
  }

  /**
   * @param slug the tenant slug from the request path
   * @param permission what the caller wants to do there
   * @return the tenant
   * @throws io.bulwark.platform.problem.ApiProblem 404 for an unknown tenant, 403 when denied
   */
  public Tenant require(String slug, Permission permission) {
    return require(slug, permission, null);
  }

  /**
   * @param slug the tenant slug from the request path
   * @param permission what the caller wants to do there
   * @param resource the path of the resource it acts on, so roles narrowed to a prefix count
   * @return the tenant
   * @throws io.bulwark.platform.problem.ApiProblem 404 for an unknown tenant, 403 when denied
   */
  public Tenant require(String slug, Permission permission, @Nullable String resource) {
    Tenant tenant = tenants.require(slug);
    decisions.require(permission, tenant.id(), resource);
    return tenant;
  }
}
