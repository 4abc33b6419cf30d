package io.bulwark.identity.internal;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Wraps Spring's RFC 7009 revocation provider to say, while it runs, which client asked. Spring
 * revokes a token by saving its authorization with the token invalidated; the authorization
 * services read this to tell a client's request from Spring's own invalidations (a reused
 * authorization code), and to audit who asked.
 */
final class RevocationRequests implements AuthenticationProvider {

  private static final ThreadLocal<@Nullable String> REQUESTING_CLIENT = new ThreadLocal<>();

  private final AuthenticationProvider revocation;

  RevocationRequests(AuthenticationProvider revocation) {
    this.revocation = revocation;
  }

  /**
   * @return the client id of the revocation request being served on this thread, if one is
   */
  static Optional<String> requestingClient() {
    return Optional.ofNullable(REQUESTING_CLIENT.get());
  }

  @Override
  public @Nullable Authentication authenticate(Authentication authentication)
      throws AuthenticationException {
    if (!(authentication instanceof OAuth2TokenRevocationAuthenticationToken request
        && request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
        && client.getRegisteredClient() != null)) {
      return revocation.authenticate(authentication);
    }
    REQUESTING_CLIENT.set(client.getRegisteredClient().getClientId());
    try {
      return revocation.authenticate(authentication);
    } finally {
      REQUESTING_CLIENT.remove();
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return revocation.supports(authentication);
  }
}
