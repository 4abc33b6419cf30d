package io.bulwark.identity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's OAuth 2.0 client, as it may be shown: never its secret.
 *
 * @param clientId the client identifier
 * @param name a human name
 * @param type confidential or public
 * @param authenticationMethod how it authenticates at the token endpoint
 * @param grantTypes the grants it may use
 * @param scopes the scopes it may request
 * @param redirectUris exact redirect URIs (authorization code clients)
 * @param roles the roles it holds in its tenant
 * @param createdAt when it was registered
 * @param previousSecretExpiresAt while a rotated-out secret still works, until when
 */
public record ServiceClient(
    String clientId,
    String name,
    ClientType type,
    String authenticationMethod,
    List<String> grantTypes,
    List<String> scopes,
    List<String> redirectUris,
    List<String> roles,
    Instant createdAt,
    @Nullable Instant previousSecretExpiresAt) {

  /** Whether a client can keep a secret. */
  public enum ClientType {
    /** A server-side client with a secret or a private key. */
    CONFIDENTIAL,
    /** A browser or native app: no secret, PKCE required. */
    PUBLIC
  }
}
