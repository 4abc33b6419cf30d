package io.bulwark.identity;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to grant a role to a principal of a tenant.
 *
 * @param principalType whether a user or a client receives it
 * @param principalId the user's id, or the client's {@code client_id}
 * @param role a built-in role's name
 * @param resourcePrefix a path prefix to narrow the role to, or null for the whole tenant
 * @param expiresAt when the grant lapses (in the future), or null
 */
public record NewRoleAssignment(
    RoleAssignment.PrincipalType principalType,
    String principalId,
    String role,
    @Nullable String resourcePrefix,
    @Nullable Instant expiresAt) {

  public NewRoleAssignment {
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(role, "role");
  }
}
