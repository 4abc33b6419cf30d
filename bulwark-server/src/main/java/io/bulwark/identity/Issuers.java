package io.bulwark.identity;

import io.bulwark.tenancy.TenantSlug;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issuer identifiers: each tenant's issuer is {@code {base}/t/{slug}}.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#IssuerDiscovery">OIDC
 *     Discovery §2</a>
 */
public final class Issuers {

  /** The path prefix under which every tenant issuer lives. */
  public static final String PATH_PREFIX = "/t/";

  private static final Pattern ISSUER_PATH = Pattern.compile("/t/([a-z0-9][a-z0-9-]{1,62})");
  private static final Pattern REQUEST_PATH = Pattern.compile("/t/([a-z0-9][a-z0-9-]{1,62})(/.*)?");

  private Issuers() {}

  /**
   * Finds the tenant an issuer identifier names. The path must be exactly {@code /t/{slug}}: no
   * trailing segments, query or fragment.
   *
   * @param issuer the {@code iss} claim of a token
   * @return the tenant slug, or empty when the issuer is not of Bulwark's form
   */
  public static Optional<TenantSlug> slugOfIssuer(String issuer) {
    try {
      URI uri = URI.create(issuer);
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPath() == null) {
        return Optional.empty();
      }
      Matcher matcher = ISSUER_PATH.matcher(uri.getPath());
      return matcher.matches() ? Optional.of(new TenantSlug(matcher.group(1))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * @param path a request path (no context path)
   * @return the slug when the path lies under a tenant issuer, else empty
   */
  public static Optional<String> slugOfRequestPath(String path) {
    if (!path.startsWith(PATH_PREFIX)) {
      return Optional.empty();
    }
    Matcher matcher = REQUEST_PATH.matcher(path);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.of("");
  }
}
