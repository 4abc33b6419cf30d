package io.bulwark.authorization;

import java.util.Objects;
import java.util.Set;

/**
 * A named set of permissions. A platform role held in the {@code system} tenant applies to every
 * tenant; a tenant role applies only within the tenant where it is assigned.
 *
 * @param name the role's name, as it appears in a token's {@code roles} claim
 * @param description what the role is for
 * @param scope where the role's permissions apply
 * @param permissions what it grants
 */
public record Role(String name, String description, Scope scope, Set<Permission> permissions) {

  /** Where a role's permissions apply. */
  public enum Scope {
    /** Across tenants, when held in the system tenant. */
    PLATFORM,
    /** Within the tenant that assigned it. */
    TENANT
  }

  public Role {
    Objects.requireNonNull(name);
    Objects.requireNonNull(description);
    Objects.requireNonNull(scope);
    permissions = Set.copyOf(permissions);
  }

  /**
   * @return whether an assignment of this role may be narrowed to a path prefix: a tenant role
   *     whose every permission is {@link Permission#narrowable()}
   */
  public boolean narrowable() {
    return scope == Scope.TENANT && permissions.stream().allMatch(Permission::narrowable);
  }

  /**
   * @param requested a permission
   * @return whether this role grants it
   */
  public boolean grants(Permission requested) {
    return permissions.stream().anyMatch(held -> held.grants(requested));
  }
}
