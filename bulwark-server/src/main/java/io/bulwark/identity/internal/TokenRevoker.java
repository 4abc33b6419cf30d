package io.bulwark.identity.internal;

import io.bulwark.identity.TokenRevoked;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes access tokens: records each in the {@link RevocationList} and publishes {@link
 * TokenRevoked} in the same transaction (the caller's, or one of its own), and puts it into this
 * node's view once that commits. A token already revoked is not recorded or published again; an
 * expired one is left alone.
 */
@Component
class TokenRevoker {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRevoker.class);

  private final RevocationList list;
  private final RegisteredClientRepository clients;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();

  TokenRevoker(
      RevocationList list,
      RegisteredClientRepository clients,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.list = list;
    this.clients = clients;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
  }

  /** An access token to revoke, as its claims describe it. */
  record Revocable(
      String clientId, String subject, String principalType, String jti, Instant expiresAt) {}

  /**
   * Revokes the access token an authorization holds now and, when {@code wholeGrant}, every access
   * token issued with one of its refresh tokens.
   */
  void revoke(
      TenantId tenant,
      OAuth2Authorization authorization,
      boolean wholeGrant,
      TokenRevoked.Reason reason,
      @Nullable String requestedBy) {
    revoke(tenant, tokensOf(tenant, authorization, wholeGrant), reason, requestedBy);
  }

  void revoke(
      TenantId tenant,
      List<Revocable> tokens,
      TokenRevoked.Reason reason,
      @Nullable String requestedBy) {
    Instant now = clock.instant();
    List<Revocable> alive =
        tokens.stream().filter(token -> token.expiresAt().isAfter(now)).toList();
    if (alive.isEmpty()) {
      return;
    }
    TenantContext.runAs(
        tenant,
        () ->
            transactions.executeWithoutResult(status -> {
              for (Revocable token : alive) {
                if (list.record(tenant, token.jti(), token.expiresAt())) {
                  events.publishEvent(
                      new TokenRevoked(
                          tenant,
                          reason,
                          token.clientId(),
                          token.subject(),
                          token.principalType(),
                          token.jti(),
                          token.expiresAt(),
                          requestedBy));
                }
                rememberAfterCommit(tenant, token);
              }
            }));
  }

  /**
   * Revokes a token whose issuance could not be audited. The revocation is audited too if the audit
   * log takes it; if not, it is recorded without, since the token must stop working either way (it
   * was never sent, so nobody holds it).
   */
  void revokeUnrecorded(TenantId tenant, Revocable token) {
    try {
      revoke(tenant, List.of(token), TokenRevoked.Reason.RECORDING_FAILED, null);
    } catch (RuntimeException auditFailed) {
      TenantContext.runAs(
          tenant,
          () ->
              transactions.executeWithoutResult(status -> {
                list.record(tenant, token.jti(), token.expiresAt());
                rememberAfterCommit(tenant, token);
              }));
      LOG.atWarn()
          .setMessage("Revoked a token whose issuance could not be audited, without an audit entry")
          .addKeyValue("tenant", tenant.toString())
          .addKeyValue("jti", token.jti())
          .log();
    }
  }

  /**
   * @return the client id of the authorization's client, or its internal id if it is gone
   */
  String clientIdOf(OAuth2Authorization authorization) {
    RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
    return client == null ? authorization.getRegisteredClientId() : client.getClientId();
  }

  private List<Revocable> tokensOf(
      TenantId tenant, OAuth2Authorization authorization, boolean wholeGrant) {
    String clientId = clientIdOf(authorization);
    String subject = authorization.getPrincipalName();
    String type =
        AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
            ? "client"
            : "user";
    Map<String, Revocable> tokens = new LinkedHashMap<>();
    OAuth2Authorization.Token<OAuth2AccessToken> current = authorization.getAccessToken();
    if (current != null && current.getToken().getExpiresAt() != null) {
      Object jti = current.getClaims() == null ? null : current.getClaims().get(JwtClaimNames.JTI);
      if (jti != null) {
        tokens.put(
            jti.toString(),
            new Revocable(
                clientId, subject, type, jti.toString(), current.getToken().getExpiresAt()));
      }
    }
    if (wholeGrant) {
      TenantContext.runAs(
          tenant,
          () ->
              jdbc.sql(
                      "select access_token_jti, access_token_expires_at from"
                          + " oauth2_refresh_token_family where tenant_id = ? and authorization_id"
                          + " = ? and access_token_jti is not null and access_token_expires_at >"
                          + " now()")
                  .params(tenant.value(), authorization.getId())
                  .query((row, n) ->
                      new Revocable(
                          clientId,
                          subject,
                          type,
                          row.getString("access_token_jti"),
                          row.getTimestamp("access_token_expires_at").toInstant()))
                  .list()
                  .forEach(token -> tokens.putIfAbsent(token.jti(), token)));
    }
    return new ArrayList<>(tokens.values());
  }

  private void rememberAfterCommit(TenantId tenant, Revocable token) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            list.remember(tenant, token.jti(), token.expiresAt());
          }
        });
  }
}
