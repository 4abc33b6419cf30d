package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The roles a tenant's users and clients hold. Every grant and revocation publishes a {@link
 * RoleAssignmentChanged} in its transaction. Tokens issued afterwards carry the roles that have not
 * expired.
 */
public interface PrincipalRoles {

  /**
   * Grants a role. Granting a role the principal already holds on the same prefix replaces its
   * expiry.
   *
   * @param tenant the tenant
   * @param assignment what to grant
   * @return the assignment
   * @throws io.bulwark.platform.problem.InvalidFieldException for an unknown role, a platform role
   *     outside the system tenant, a prefix on a role that cannot be narrowed, or an expiry not in
   *     the future
   * @throws io.bulwark.platform.problem.ApiProblem 404 when the principal is not in the tenant
   */
  RoleAssignment grant(TenantId tenant, NewRoleAssignment assignment);

  /**
   * @param tenant the tenant
   * @param principalType only this kind of principal, or null
   * @param principalId only this principal (user id or {@code client_id}), or null
   * @param role only this role, or null
   * @return matching assignments, expired ones included, oldest first
   */
  List<RoleAssignment> list(
      TenantId tenant,
      RoleAssignment.@Nullable PrincipalType principalType,
      @Nullable String principalId,
      @Nullable String role);

  /**
   * @param tenant the tenant
   * @param id an assignment id
   * @return whether the tenant had that assignment (it is gone now)
   */
  boolean revoke(TenantId tenant, UUID id);

  /**
   * Revokes every assignment of a role to a principal, whatever its prefix.
   *
   * @param tenant the tenant
   * @param principalType the kind of principal
   * @param principalId the user id or {@code client_id}
   * @param role the role
   * @return whether the principal held it
   * @throws io.bulwark.platform.problem.ApiProblem 404 when the principal is not in the tenant
   */
  boolean revokeAll(
      TenantId tenant, RoleAssignment.PrincipalType principalType, String principalId, String role);
}
