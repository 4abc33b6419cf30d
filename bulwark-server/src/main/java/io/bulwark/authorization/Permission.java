package io.bulwark.authorization;

import java.util.regex.Pattern;

/**
 * A permission: {@code resource:action}, such as {@code audit:read}. In a role, {@code resource:*}
 * grants every action on a resource.
 *
 * @param value the permission string
 */
public record Permission(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_-]*:([a-z][a-z0-9_-]*|\\*)");

  public Permission {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("A permission is resource:action, was " + value);
    }
  }

  /**
   * @param value a permission string
   * @return the permission
   */
  public static Permission of(String value) {
    return new Permission(value);
  }

  /**
   * @return the resource part
   */
  public String resource() {
    return value.substring(0, value.indexOf(':'));
  }

  /**
   * @return whether a role assignment may narrow this permission to the resources under a path
   *     prefix ({@link ScopedRole}); so far only the vault's secrets have paths
   */
  public boolean narrowable() {
    return resource().equals("secrets");
  }

  /**
   * @return whether this is a wildcard over a resource's actions
   */
  public boolean isWildcard() {
    return value.endsWith(":*");
  }

  /**
   * @param requested a concrete permission
   * @return whether holding this permission grants the requested one
   */
  public boolean grants(Permission requested) {
    return equals(requested) || (isWildcard() && resource().equals(requested.resource()));
  }

  @Override
  public String toString() {
    return value;
  }
}
