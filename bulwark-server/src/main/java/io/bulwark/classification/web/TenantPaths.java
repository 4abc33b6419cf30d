package io.bulwark.classification.web;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Resolves the {@code {slug}} of a tenant sub-resource path. */
@Component
final class TenantPaths {

  private final Tenants tenants;

  TenantPaths(Tenants tenants) {
    this.tenants = tenants;
  }

  /**
   * @param slug the path's tenant slug
   * @return the tenant
   * @throws ApiProblem 404 when there is no such tenant
   */
  Tenant tenant(String slug) {
    return (TenantSlug.isValid(slug)
            ? tenants.find(new TenantSlug(slug))
            : Optional.<Tenant>empty())
        .orElseThrow(() -> new ApiProblem(ProblemType.TENANT_NOT_FOUND, "No such tenant"));
  }
}
