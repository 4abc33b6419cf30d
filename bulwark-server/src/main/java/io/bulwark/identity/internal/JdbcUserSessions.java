package io.bulwark.identity.internal;

import io.bulwark.identity.TokenRevoked;
import io.bulwark.identity.UserSession;
import io.bulwark.identity.UserSessionRevoked;
import io.bulwark.identity.UserSessions;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions read from the rows Spring's JDBC authorization service keeps in {@code
 * oauth2_authorization} for the authorization-code grant, never selecting a token column. Every
 * refresh token a session held is in {@code oauth2_refresh_token_family}, so a session with more
 * than one was refreshed. Revocation deletes the row and those entries, and revokes every access
 * token the session issued that has not expired yet ({@link TokenRevoker}).
 */
@Service
class JdbcUserSessions implements UserSessions {

  private static final String SELECT =
      "select a.id, a.principal_name, coalesce(c.client_id, a.registered_client_id) as client,"
          + " coalesce(a.authorization_code_issued_at, a.access_token_issued_at) as started,"
          + " (select max(f.issued_at) from oauth2_refresh_token_family f where f.tenant_id ="
          + " a.tenant_id and f.authorization_id = a.id having count(*) > 1) as refreshed,"
          + " a.refresh_token_expires_at, a.access_token_expires_at"
          + " from oauth2_authorization a left join oauth2_registered_client c"
          + " on c.tenant_id = a.tenant_id and c.id = a.registered_client_id"
          + " where a.tenant_id = ? and a.authorization_grant_type = 'authorization_code'"
          + " and (a.access_token_issued_at is not null or a.authorization_code_issued_at"
          + " is not null)";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final OAuth2AuthorizationService authorizations;
  private final TokenRevoker revoker;

  JdbcUserSessions(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      OAuth2AuthorizationService authorizations,
      TokenRevoker revoker) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
    this.authorizations = authorizations;
    this.revoker = revoker;
  }

  @Override
  public List<UserSession> list(TenantId tenant, UUID userId) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(SELECT + " and a.principal_name = ? order by started desc, a.id")
                .params(tenant.value(), userId.toString())
                .query((rs, n) -> session(rs))
                .list());
  }

  @Override
  public boolean revoke(TenantId tenant, String sessionId) {
    return inTenant(
        tenant,
        () -> {
          List<UserSession> found =
              jdbc.sql(SELECT + " and a.id = ?")
                  .params(tenant.value(), sessionId)
                  .query((rs, n) -> session(rs))
                  .list();
          found.forEach(session -> delete(tenant, session));
          return !found.isEmpty();
        });
  }

  @Override
  public int revokeAll(TenantId tenant, UUID userId) {
    return inTenant(
        tenant,
        () -> {
          List<UserSession> found = list(tenant, userId);
          found.forEach(session -> delete(tenant, session));
          return found.size();
        });
  }

  private void delete(TenantId tenant, UserSession session) {
    OAuth2Authorization authorization;
    try {
      authorization = authorizations.findById(session.id());
    } catch (DataRetrievalFailureException clientGone) {
      authorization = null;
    }
    if (authorization != null) {
      revoker.revoke(tenant, authorization, true, TokenRevoked.Reason.SESSION_REVOKED, null);
    }
    jdbc.sql("delete from oauth2_refresh_token_family where tenant_id = ? and authorization_id = ?")
        .params(tenant.value(), session.id())
        .update();
    jdbc.sql("delete from oauth2_authorization where tenant_id = ? and id = ?")
        .params(tenant.value(), session.id())
        .update();
    events.publishEvent(new UserSessionRevoked(tenant, session));
  }

  private static UserSession session(ResultSet rs) throws SQLException {
    Timestamp started = rs.getTimestamp("started");
    Timestamp refreshed = rs.getTimestamp("refreshed");
    Timestamp refreshExpires = rs.getTimestamp("refresh_token_expires_at");
    Timestamp accessExpires = rs.getTimestamp("access_token_expires_at");
    Timestamp expires = refreshExpires != null ? refreshExpires : accessExpires;
    return new UserSession(
        rs.getString("id"),
        rs.getString("principal_name"),
        rs.getString("client"),
        started.toInstant(),
        refreshed == null ? null : refreshed.toInstant(),
        expires == null ? null : expires.toInstant());
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
