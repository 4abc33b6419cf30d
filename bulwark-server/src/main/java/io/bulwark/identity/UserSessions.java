package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.List;
import java.util.UUID;

/**
 * The sign-in sessions of a tenant's users. Revoking one removes its authorization and its refresh
 * token family: its refresh token no longer refreshes and introspection (RFC 7662) answers its
 * tokens inactive. Each revocation publishes a {@link UserSessionRevoked} in its transaction.
 */
public interface UserSessions {

  /**
   * @param tenant the tenant
   * @param userId the user
   * @return the user's sessions, newest first
   */
  List<UserSession> list(TenantId tenant, UUID userId);

  /**
   * @param tenant the tenant
   * @param sessionId a session id
   * @return whether the tenant had that session (it is revoked now)
   */
  boolean revoke(TenantId tenant, String sessionId);

  /**
   * @param tenant the tenant
   * @param userId the user
   * @return how many sessions were revoked
   */
  int revokeAll(TenantId tenant, UUID userId);
}
