package io.bulwark.authorization;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A role as a token's {@code roles} claim carries it: the role's name, optionally narrowed to the
 * resources under a path prefix, written {@code role@prefix} (such as {@code
 * secrets-reader@payments/}). A narrowed role grants its permissions only on resources whose path
 * starts with the prefix, and only for permissions that {@link Permission#narrowable() can be
 * narrowed}; tenant-wide checks ignore it.
 *
 * @param role the role's name
 * @param resourcePrefix the path prefix it is narrowed to, or null for the whole tenant
 */
public record ScopedRole(String role, @Nullable String resourcePrefix) {

  private static final char SEPARATOR = '@';
  private static final Pattern PREFIX =
      Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]{0,127}/){1,8}");

  public ScopedRole {
    Objects.requireNonNull(role, "role");
    if (role.isEmpty() || role.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("A role name is non-empty without '@'");
    }
    if (resourcePrefix != null && !isValidPrefix(resourcePrefix)) {
      throw new IllegalArgumentException("Not a resource prefix");
    }
  }

  /**
   * @param prefix a candidate resource prefix
   * @return whether it is 1 to 8 path segments of {@code [A-Za-z0-9._-]}, each followed by {@code
   *     /}, at most 256 characters, without {@code .} or {@code ..} segments
   */
  public static boolean isValidPrefix(String prefix) {
    return prefix.length() <= 256
        && PREFIX.matcher(prefix).matches()
        && !prefix.startsWith("./")
        && !prefix.startsWith("../")
        && !prefix.contains("/./")
        && !prefix.contains("/../");
  }

  /**
   * @param claimValue an entry of a token's {@code roles} claim
   * @return the role it names, narrowed when it carries a prefix
   * @throws IllegalArgumentException when it is malformed
   */
  public static ScopedRole parse(String claimValue) {
    int at = claimValue.indexOf(SEPARATOR);
    return at < 0
        ? new ScopedRole(claimValue, null)
        : new ScopedRole(claimValue.substring(0, at), claimValue.substring(at + 1));
  }

  /**
   * @return how a token's {@code roles} claim carries it
   */
  public String claimValue() {
    return resourcePrefix == null ? role : role + SEPARATOR + resourcePrefix;
  }

  /**
   * @param resource a resource path, or null for a tenant-wide check
   * @return whether this role's permissions reach it
   */
  public boolean covers(@Nullable String resource) {
    return resourcePrefix == null || (resource != null && resource.startsWith(resourcePrefix));
  }
}
