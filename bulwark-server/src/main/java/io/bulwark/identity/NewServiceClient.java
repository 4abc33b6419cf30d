package io.bulwark.identity;

import io.bulwark.platform.problem.InvalidFieldException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to register a client. Only client_credentials, authorization_code and refresh_token
 * grants exist: no implicit, no password grant. Public clients use authorization_code with PKCE and
 * have no secret.
 *
 * @param clientId the identifier, or null to generate one
 * @param name a human name
 * @param type confidential or public
 * @param authenticationMethod {@code client_secret_basic}, {@code private_key_jwt} or, for public
 *     clients, {@code none}
 * @param grantTypes the grants it may use
 * @param scopes the scopes it may request
 * @param redirectUris exact redirect URIs, required with authorization_code
 * @param jwksUri where a private_key_jwt client publishes its keys
 */
public record NewServiceClient(
    @Nullable String clientId,
    String name,
    ServiceClient.ClientType type,
    String authenticationMethod,
    List<String> grantTypes,
    List<String> scopes,
    List<String> redirectUris,
    @Nullable String jwksUri) {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,100}");
  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
  private static final Set<String> GRANTS =
      Set.of("client_credentials", "authorization_code", "refresh_token");

  public NewServiceClient {
    if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
      throw new InvalidFieldException("client_id", "must be 3 to 100 of A-Z a-z 0-9 . _ -");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidFieldException("name", "must be 1 to 200 characters");
    }
    if (type == null) {
      throw new InvalidFieldException("type", "must be 'confidential' or 'public'");
    }
    grantTypes = List.copyOf(grantTypes == null ? List.of() : grantTypes);
    scopes = List.copyOf(scopes == null ? List.of() : scopes);
    redirectUris = List.copyOf(redirectUris == null ? List.of() : redirectUris);
    if (grantTypes.isEmpty()) {
      throw new InvalidFieldException("grant_types", "must name at least one grant");
    }
    for (int i = 0; i < grantTypes.size(); i++) {
      if (!GRANTS.contains(grantTypes.get(i))) {
        throw new InvalidFieldException(
            "grant_types[" + i + "]",
            "must be client_credentials, authorization_code or refresh_token"
                + " (implicit and password grants are not offered)");
      }
    }
    for (int i = 0; i < scopes.size(); i++) {
      if (!SCOPE.matcher(scopes.get(i)).matches()) {
        throw new InvalidFieldException("scopes[" + i + "]", "is not a valid scope token");
      }
    }
    authenticationMethod = checkMethod(type, authenticationMethod, jwksUri);
    if (type == ServiceClient.ClientType.PUBLIC && grantTypes.contains("client_credentials")) {
      throw new InvalidFieldException(
          "grant_types", "a public client cannot use client_credentials");
    }
    if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
      throw new InvalidFieldException("redirect_uris", "authorization_code needs a redirect URI");
    }
    for (int i = 0; i < redirectUris.size(); i++) {
      checkRedirect(i, redirectUris.get(i));
    }
  }

  private static String checkMethod(
      ServiceClient.ClientType type, @Nullable String method, @Nullable String jwksUri) {
    String chosen =
        method != null
            ? method
            : type == ServiceClient.ClientType.PUBLIC ? "none" : "client_secret_basic";
    boolean valid =
        switch (type) {
          case PUBLIC -> chosen.equals("none");
          case CONFIDENTIAL ->
              chosen.equals("client_secret_basic") || chosen.equals("private_key_jwt");
        };
    if (!valid) {
      throw new InvalidFieldException(
          "authentication_method",
          "confidential clients use client_secret_basic or private_key_jwt; public clients none");
    }
    if (chosen.equals("private_key_jwt") && (jwksUri == null || !jwksUri.startsWith("https://"))) {
      throw new InvalidFieldException("jwks_uri", "private_key_jwt needs an https jwks_uri");
    }
    return chosen;
  }

  private static void checkRedirect(int index, String uri) {
    String field = "redirect_uris[" + index + "]";
    try {
      URI parsed = new URI(uri);
      boolean loopback =
          "http".equals(parsed.getScheme())
              && ("localhost".equals(parsed.getHost()) || "127.0.0.1".equals(parsed.getHost()));
      if (!parsed.isAbsolute()
          || parsed.getFragment() != null
          || !("https".equals(parsed.getScheme()) || loopback)) {
        throw new InvalidFieldException(
            field, "must be an absolute https URI (or http on localhost) without a fragment");
      }
    } catch (java.net.URISyntaxException e) {
      throw new InvalidFieldException(field, "is not a URI");
    }
  }
}
