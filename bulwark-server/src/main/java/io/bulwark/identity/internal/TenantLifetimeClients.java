package io.bulwark.identity.internal;

import io.bulwark.identity.TokenLifetimes;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Hands the authorization server its registered clients with the tenant's token lifetimes in place
 * of the ones stored with each client, so Spring's token generators (access token, refresh token,
 * authorization code) apply the tenant's current setting to every token they issue. Spring has no
 * setting for the ID token's lifetime, so it travels as {@link #ID_TOKEN_TIME_TO_LIVE} for the
 * token customizer to apply. The lifetimes are read at every lookup: a change applies to the next
 * token.
 */
final class TenantLifetimeClients implements RegisteredClientRepository {

  /** The tenant's ID-token lifetime, a {@link java.time.Duration} among the token settings. */
  static final String ID_TOKEN_TIME_TO_LIVE = "settings.token.bulwark.id-token-time-to-live";

  private final RegisteredClientRepository delegate;
  private final JdbcIdentitySettings settings;

  TenantLifetimeClients(RegisteredClientRepository delegate, JdbcIdentitySettings settings) {
    this.delegate = delegate;
    this.settings = settings;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    delegate.save(registeredClient);
  }

  @Override
  public @Nullable RegisteredClient findById(String id) {
    return withTenantLifetimes(delegate.findById(id));
  }

  @Override
  public @Nullable RegisteredClient findByClientId(String clientId) {
    return withTenantLifetimes(delegate.findByClientId(clientId));
  }

  private @Nullable RegisteredClient withTenantLifetimes(@Nullable RegisteredClient client) {
    Optional<TenantId> tenant = TenantContext.current();
    if (client == null || tenant.isEmpty()) {
      return client;
    }
    TokenLifetimes lifetimes = settings.tokenLifetimesOfBoundTenant(tenant.get());
    TokenSettings stored = client.getTokenSettings();
    if (lifetimes.accessToken().equals(stored.getAccessTokenTimeToLive())
        && lifetimes.refreshToken().equals(stored.getRefreshTokenTimeToLive())
        && lifetimes.authorizationCode().equals(stored.getAuthorizationCodeTimeToLive())
        && lifetimes.idToken().equals(stored.getSetting(ID_TOKEN_TIME_TO_LIVE))) {
      return client;
    }
    return RegisteredClient.from(client)
        .tokenSettings(
            TokenSettings.withSettings(stored.getSettings())
                .accessTokenTimeToLive(lifetimes.accessToken())
                .refreshTokenTimeToLive(lifetimes.refreshToken())
                .authorizationCodeTimeToLive(lifetimes.authorizationCode())
                .setting(ID_TOKEN_TIME_TO_LIVE, lifetimes.idToken())
                .build())
        .build();
  }
}
