package io.bulwark.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A role held by a user or a client within one tenant, optionally narrowed to a resource prefix and
 * optionally until a moment. An expired assignment grants nothing.
 *
 * @param id the assignment's id
 * @param principalType whether a user or a client holds it
 * @param principalId the user's id, or the client's {@code client_id}
 * @param role the role's name
 * @param resourcePrefix the path prefix the role is narrowed to, or null for the whole tenant
 * @param expiresAt when it lapses, or null
 * @param grantedAt when it was last granted
 */
public record RoleAssignment(
    UUID id,
    PrincipalType principalType,
    String principalId,
    String role,
    @Nullable String resourcePrefix,
    @Nullable Instant expiresAt,
    Instant grantedAt) {

  public RoleAssignment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(grantedAt, "grantedAt");
  }

  /** Who may hold a role. */
  public enum PrincipalType {
    USER,
    CLIENT;

    /**
     * @return the name used in the API, the database and audit actions: {@code user} or {@code
     *     client}
     */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
