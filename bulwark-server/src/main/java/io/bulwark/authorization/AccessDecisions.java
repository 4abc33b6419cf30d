package io.bulwark.authorization;

import io.bulwark.platform.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The one decision point for every API: may this principal use this permission on this tenant's
 * resource? Principals act in their own tenant; platform roles held in the system tenant reach
 * every tenant.
 */
public interface AccessDecisions {

  /**
   * @param principal the caller
   * @param permission what it wants to do
   * @param resourceTenant the tenant owning the resource
   * @return the decision and its reason
   */
  default AccessDecision decide(
      Principal principal, Permission permission, TenantId resourceTenant) {
    return decide(principal, permission, resourceTenant, null);
  }

  /**
   * Decides for one resource: roles narrowed to a path prefix ({@link ScopedRole}) count only when
   * the resource's path starts with their prefix.
   *
   * @param principal the caller
   * @param permission what it wants to do
   * @param resourceTenant the tenant owning the resource
   * @param resource the resource's path (a secret's path, or a listing's prefix), or null for a
   *     tenant-wide check
   * @return the decision and its reason
   */
  AccessDecision decide(
      Principal principal,
      Permission permission,
      TenantId resourceTenant,
      @Nullable String resource);

  /**
   * @param token a validated Bulwark access token
   * @return the principal it stands for
   */
  Principal principalOf(JwtAuthenticationToken token);

  /**
   * @return the principal of the current request's bearer token
   * @throws io.bulwark.platform.problem.ApiProblem {@code unauthenticated} when the request has no
   *     validated bearer token
   */
  Principal currentPrincipal();

  /**
   * Decides for the caller of the current request and throws when denied.
   *
   * @param permission what the caller wants to do
   * @param resourceTenant the tenant owning the resource
   * @return the caller
   * @throws io.bulwark.platform.problem.ApiProblem 403 with the reason when denied, 401 when there
   *     is no authenticated caller
   */
  default Principal require(Permission permission, TenantId resourceTenant) {
    return require(permission, resourceTenant, null);
  }

  /**
   * Decides for the caller of the current request on one resource and throws when denied.
   *
   * @param permission what the caller wants to do
   * @param resourceTenant the tenant owning the resource
   * @param resource the resource's path, or null for a tenant-wide check
   * @return the caller
   * @throws io.bulwark.platform.problem.ApiProblem 403 with the reason when denied, 401 when there
   *     is no authenticated caller
   */
  Principal require(Permission permission, TenantId resourceTenant, @Nullable String resource);
}
