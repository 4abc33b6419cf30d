package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published, inside the transaction that revokes the grant, when a refresh token that was already
 * rotated out was presented again: a sign that it was stolen (RFC 9700 §4.14.2). The whole grant is
 * revoked with it; each of its access tokens still alive is also published as {@link TokenRevoked}.
 * Never carries the token itself.
 *
 * @param tenantId the issuer's tenant
 * @param clientId the client the grant belongs to
 * @param subject the grant's user
 * @param sessionId the revoked grant (the session id of the sessions API)
 * @param sourceIp the address the token was presented from
 */
public record TokenRefreshReused(
    TenantId tenantId,
    String clientId,
    String subject,
    String sessionId,
    @Nullable String sourceIp) {

  public TokenRefreshReused {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sessionId, "sessionId");
  }
}
