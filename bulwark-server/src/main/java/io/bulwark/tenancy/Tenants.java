package io.bulwark.tenancy;

import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The tenant registry: the tenancy module's API to other modules and to the web layer. */
public interface Tenants {

  /**
   * Creates a tenant and publishes {@link TenantCreated}.
   *
   * @param tenant what to create
   * @return the created tenant
   * @throws io.bulwark.platform.problem.ApiProblem 409 when the slug is taken
   */
  Tenant create(NewTenant tenant);

  /**
   * @param slug a tenant slug
   * @return the tenant, if it exists
   */
  Optional<Tenant> find(TenantSlug slug);

  /**
   * The tenant a request path names.
   *
   * @param slug the slug from the path, not yet validated
   * @return the tenant
   * @throws ApiProblem 404 {@code tenant-not-found} when the slug is malformed or unknown
   */
  default Tenant require(String slug) {
    Optional<Tenant> tenant =
        TenantSlug.isValid(slug) ? find(new TenantSlug(slug)) : Optional.empty();
    return tenant.orElseThrow(() -> new ApiProblem(ProblemType.TENANT_NOT_FOUND, "No such tenant"));
  }

  /**
   * @param id a tenant id
   * @return the tenant, if it exists
   */
  Optional<Tenant> find(TenantId id);

  /**
   * Lists tenants in slug order.
   *
   * @param after continue after this slug, or from the start when null
   * @param limit at most this many (1 to 200)
   * @return a page
   */
  TenantPage list(@Nullable TenantSlug after, int limit);

  /**
   * Applies a partial update; a status change publishes {@link TenantStatusChanged}.
   *
   * @param slug the tenant to change
   * @param changes what to change
   * @return the tenant as it is now
   * @throws io.bulwark.platform.problem.ApiProblem 404 when there is no such tenant
   */
  Tenant update(TenantSlug slug, TenantChanges changes);

  /**
   * @return the platform's own tenant
   */
  Tenant system();
}
