package io.bulwark.authorization;

import io.bulwark.platform.TenantId;
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
  AccessDecision decide(Principal principal, Permission permission, TenantId resourceTenant);

  /**
   * @param token a validated Bulwark access token
   * @return the principal it stands for
   */
  Principal principalOf(JwtAuthenticationToken token);

  /**
   * Decides for the caller of the current request and throws when denied.
   *
   * @param permission what the caller wants to do
   * @param resourceTenant the tenant owning the resource
   * @return the caller
   * @throws io.bulwark.platform.problem.ApiProblem 403 with the reason when denied, 401 when there
   *     is no authenticated caller
   */
  Principal require(Permission permission, TenantId resourceTenant);
}
