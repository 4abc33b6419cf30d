package io.bulwark.identity.internal;

import io.bulwark.identity.TokenRefreshReused;
import io.bulwark.identity.TokenRevoked;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Refresh-token reuse detection and access-token revocation on top of Spring's stored
 * authorizations. Refresh tokens rotate at every use, and each one an authorization ever held is
 * remembered (as SHA-256), with the access token issued beside it. A refresh token that was already
 * rotated out is a sign that it was stolen: presenting it removes the whole authorization, so the
 * current refresh token stops working, revokes every access token the grant issued that has not
 * expired, and publishes {@link TokenRefreshReused}.
 *
 * <p>Spring revokes a token by saving the authorization with it invalidated (an RFC 7009 request,
 * or a reused authorization code); the access tokens that stop with it are then recorded on the
 * {@link RevocationList}, so the API rejects them too.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>
 */
final class FamilyRevokingAuthorizationService implements OAuth2AuthorizationService {

  private static final Logger LOG =
      LoggerFactory.getLogger(FamilyRevokingAuthorizationService.class);

  private final OAuth2AuthorizationService delegate;
  private final JdbcClient jdbc;
  private final TokenRevoker revoker;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  FamilyRevokingAuthorizationService(
      OAuth2AuthorizationService delegate,
      JdbcClient jdbc,
      TokenRevoker revoker,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.delegate = delegate;
    this.jdbc = jdbc;
    this.revoker = revoker;
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(authorization);
    Optional<TenantId> tenant = TenantContext.current();
    if (tenant.isEmpty()) {
      return;
    }
    OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
    OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
    if (refresh != null) {
      Object jti =
          access == null || access.getClaims() == null
              ? null
              : access.getClaims().get(JwtClaimNames.JTI);
      Instant expires = access == null ? null : access.getToken().getExpiresAt();
      jdbc.sql(
              "insert into oauth2_refresh_token_family (tenant_id, token_hash, authorization_id,"
                  + " access_token_jti, access_token_expires_at) values (?, ?, ?, ?, ?)"
                  + " on conflict do nothing")
          .params(
              tenant.get().value(),
              hash(refresh.getToken().getTokenValue()),
              authorization.getId(),
              jti == null ? null : jti.toString(),
              expires == null ? null : Timestamp.from(expires))
          .update();
    }
    if (access != null && access.isInvalidated()) {
      Optional<String> client = RevocationRequests.requestingClient();
      revoker.revoke(
          tenant.get(),
          authorization,
          refresh != null && refresh.isInvalidated(),
          client.isPresent()
              ? TokenRevoked.Reason.CLIENT_REQUEST
              : TokenRevoked.Reason.REUSE_DETECTED,
          client.orElse(null));
    }
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    delegate.remove(authorization);
  }

  @Override
  public @Nullable OAuth2Authorization findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType type) {
    OAuth2Authorization found = delegate.findByToken(token, type);
    if (found != null || !(type == null || OAuth2TokenType.REFRESH_TOKEN.equals(type))) {
      return found;
    }
    Optional<TenantId> tenant = TenantContext.current();
    if (tenant.isEmpty()) {
      return null;
    }
    Optional<String> family =
        jdbc.sql(
                "select authorization_id from oauth2_refresh_token_family where tenant_id = ?"
                    + " and token_hash = ?")
            .params(tenant.get().value(), hash(token))
            .query(String.class)
            .optional();
    family.ifPresent(id -> revokeFamily(tenant.get(), id));
    return null;
  }

  private void revokeFamily(TenantId tenant, String authorizationId) {
    transactions.executeWithoutResult(status -> {
      OAuth2Authorization authorization = delegate.findById(authorizationId);
      if (authorization != null) {
        revoker.revoke(tenant, authorization, true, TokenRevoked.Reason.REUSE_DETECTED, null);
        delegate.remove(authorization);
        events.publishEvent(
            new TokenRefreshReused(
                tenant,
                revoker.clientIdOf(authorization),
                authorization.getPrincipalName(),
                authorization.getId(),
                sourceIp()));
        LOG.warn(
            "A rotated-out refresh token was presented again; authorization {} revoked",
            authorization.getId());
      }
      jdbc.sql(
              "delete from oauth2_refresh_token_family where tenant_id = ? and authorization_id = ?")
          .params(tenant.value(), authorizationId)
          .update();
    });
  }

  private static @Nullable String sourceIp() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        ? request.getRequest().getRemoteAddr()
        : null;
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
