package io.bulwark.identity.internal;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Refresh-token reuse detection on top of Spring's authorization service. Refresh tokens rotate at
 * every use, and each one an authorization ever held is remembered (as SHA-256). A refresh token
 * that was already rotated out is a sign that it was stolen: presenting it removes the whole
 * authorization, so the current refresh token and its access tokens stop working too.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>
 */
final class FamilyRevokingAuthorizationService implements OAuth2AuthorizationService {

  private static final Logger LOG =
      LoggerFactory.getLogger(FamilyRevokingAuthorizationService.class);

  private final OAuth2AuthorizationService delegate;
  private final JdbcClient jdbc;

  FamilyRevokingAuthorizationService(OAuth2AuthorizationService delegate, JdbcClient jdbc) {
    this.delegate = delegate;
    this.jdbc = jdbc;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    delegate.save(authorization);
    OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
    Optional<TenantId> tenant = TenantContext.current();
    if (refresh != null && tenant.isPresent()) {
      jdbc.sql(
              "insert into oauth2_refresh_token_family (tenant_id, token_hash, authorization_id)"
                  + " values (?, ?, ?) on conflict do nothing")
          .params(
              tenant.get().value(), hash(refresh.getToken().getTokenValue()), authorization.getId())
          .update();
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
    if (family.isPresent()) {
      OAuth2Authorization authorization = delegate.findById(family.get());
      if (authorization != null) {
        delegate.remove(authorization);
        LOG.warn(
            "A rotated-out refresh token was presented again; authorization {} revoked",
            authorization.getId());
      }
      jdbc.sql(
              "delete from oauth2_refresh_token_family where tenant_id = ? and authorization_id = ?")
          .params(tenant.get().value(), family.get())
          .update();
    }
    return null;
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
