package io.bulwark.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bulwark.identity.TokenRevoked;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Keeps no record of client_credentials grants: their authorization holds nothing but the access
 * token, a JWT that says all there is to say about itself. Spring's authorization server saves it
 * anyway; this service drops that save, and when Spring later looks the token up (introspection,
 * revocation) it rebuilds the authorization from the token, once the token has passed the same
 * checks as on the API ({@link TenantJwtDecoder}: the tenant's own keys, its issuer, audience,
 * expiry) and is of the issuer serving the request and not on the {@link RevocationList}. Spring
 * revokes by saving the authorization with its token invalidated: that records the token's {@code
 * jti} as revoked. Every other grant goes to the stored authorizations.
 */
final class StatelessClientTokens implements OAuth2AuthorizationService {

  private final OAuth2AuthorizationService stored;
  private final TenantJwtDecoder tokens;
  private final RegisteredClientRepository clients;
  private final RevocationList revocations;
  private final TokenRevoker revoker;

  StatelessClientTokens(
      OAuth2AuthorizationService stored,
      TenantJwtDecoder tokens,
      RegisteredClientRepository clients,
      RevocationList revocations,
      TokenRevoker revoker) {
    this.stored = stored;
    this.tokens = tokens;
    this.clients = clients;
    this.revocations = revocations;
    this.revoker = revoker;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    if (!isClientGrant(authorization)) {
      stored.save(authorization);
      return;
    }
    OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
    Optional<TenantId> tenant = TenantContext.current();
    if (access != null && access.isInvalidated() && tenant.isPresent()) {
      Optional<String> client = RevocationRequests.requestingClient();
      revoker.revoke(
          tenant.get(),
          authorization,
          false,
          client.isPresent()
              ? TokenRevoked.Reason.CLIENT_REQUEST
              : TokenRevoked.Reason.REUSE_DETECTED,
          client.orElse(null));
    }
  }

  /** A client_credentials authorization has no row to remove; revoking its token is a save. */
  @Override
  public void remove(OAuth2Authorization authorization) {
    if (!isClientGrant(authorization)) {
      stored.remove(authorization);
    }
  }

  @Override
  public @Nullable OAuth2Authorization findById(String id) {
    return stored.findById(id);
  }

  @Override
  public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType type) {
    if ((type == null || OAuth2TokenType.ACCESS_TOKEN.equals(type)) && isClientToken(token)) {
      return rebuilt(token);
    }
    return stored.findByToken(token, type);
  }

  private @Nullable OAuth2Authorization rebuilt(String token) {
    Optional<TenantId> tenant = TenantContext.current();
    if (tenant.isEmpty()) {
      return null;
    }
    Jwt jwt;
    try {
      jwt = tokens.decode(token);
    } catch (JwtException e) {
      return null;
    }
    if (!tenant.get().toString().equals(jwt.getClaimAsString(BulwarkClaims.TENANT_ID))
        || jwt.getId() == null
        || jwt.getSubject() == null
        || revocations.isRecorded(tenant.get(), jwt.getId())) {
      return null;
    }
    RegisteredClient client = clients.findByClientId(jwt.getSubject());
    if (client == null) {
      return null;
    }
    List<String> scopeClaim = jwt.getClaimAsStringList("scope");
    Set<String> scopes = scopeClaim == null ? Set.of() : new HashSet<>(scopeClaim);
    OAuth2AccessToken access =
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER,
            token,
            jwt.getIssuedAt(),
            jwt.getExpiresAt(),
            scopes);
    return OAuth2Authorization.withRegisteredClient(client)
        .id(jwt.getId())
        .principalName(client.getClientId())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .authorizedScopes(scopes)
        .token(
            access,
            metadata ->
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims()))
        .build();
  }

  private static boolean isClientGrant(OAuth2Authorization authorization) {
    return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
        authorization.getAuthorizationGrantType());
  }

  /** Read without verification, only to route: the rebuilt authorization verifies it. */
  private static boolean isClientToken(String token) {
    JWTClaimsSet claims = UnverifiedClaims.of(token);
    return claims != null && "client".equals(claims.getClaim(BulwarkClaims.PRINCIPAL_TYPE));
  }
}
