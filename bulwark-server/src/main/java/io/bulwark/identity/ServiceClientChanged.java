package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published, inside the transaction that made it, when a tenant's service client was registered,
 * had its secret rotated or was deleted. Listeners that record it (the audit ledger) take part in
 * that transaction: no audit record, no change. Role changes are {@link RoleAssignmentChanged}; the
 * {@code ROLE_*} changes are no longer published.
 *
 * @param tenantId the client's tenant
 * @param clientId the client's {@code client_id}
 * @param change what happened
 * @param role the role granted or revoked, for role changes
 */
public record ServiceClientChanged(
    TenantId tenantId, String clientId, Change change, @Nullable String role) {

  public ServiceClientChanged {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(change, "change");
    if ((role != null) != (change == Change.ROLE_GRANTED || change == Change.ROLE_REVOKED)) {
      throw new IllegalArgumentException("a role goes with role changes, and only with them");
    }
  }

  /** The kinds of change. */
  public enum Change {
    REGISTERED,
    SECRET_ROTATED,
    DELETED,
    ROLE_GRANTED,
    ROLE_REVOKED;

    /**
     * @return the audit action naming the change, such as {@code client.secret_rotated}
     */
    public String action() {
      return "client." + name().toLowerCase(Locale.ROOT);
    }
  }
}
