package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Objects;

/**
 * Published, inside the transaction that made it, when an administrator revoked a user's session.
 * Listeners that record it (the audit ledger) take part in that transaction.
 *
 * @param tenantId the tenant
 * @param session the session as it was
 */
public record UserSessionRevoked(TenantId tenantId, UserSession session) {

  public UserSessionRevoked {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(session, "session");
  }
}
