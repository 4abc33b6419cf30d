package io.bulwark.tenancy;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * A tenant's unique, URL-safe name: lower-case letters, digits and dashes, 2 to 63 characters,
 * starting with a letter or digit. It appears in API paths and issuer URLs.
 *
 * @param value the slug
 */
public record TenantSlug(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  /** The platform's own tenant, which exists from the first start. */
  public static final TenantSlug SYSTEM = new TenantSlug("system");

  public TenantSlug {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new InvalidFieldException(
          "slug", "must match ^[a-z0-9][a-z0-9-]{1,62}$ (lower-case letters, digits, dashes)");
    }
  }

  /**
   * @param text a candidate slug
   * @return whether it is well-formed
   */
  public static boolean isValid(String text) {
    return FORMAT.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
