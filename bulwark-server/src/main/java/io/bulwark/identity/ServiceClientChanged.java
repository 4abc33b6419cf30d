package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Locale;
import java.util.Objects;

/**
 * Published, inside the transaction that made it, when a tenant's service client was registered,
 * had its secret rotated or was deleted. Listeners that record it (the audit ledger) take part in
 * that transaction: no audit record, no change. Role changes are {@link RoleAssignmentChanged}.
 *
 * @param tenantId the client's tenant
 * @param clientId the client's {@code client_id}
 * @param change what happened
 */
public record ServiceClientChanged(TenantId tenantId, String clientId, Change change) {

  public ServiceClientChanged {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(change, "change");
  }

  /** The kinds of change. */
  public enum Change {
    REGISTERED,
    SECRET_ROTATED,
    DELETED;

    /**
     * @return the audit action naming the change, such as {@code client.secret_rotated}
     */
    public String action() {
      return "client." + name().toLowerCase(Locale.ROOT);
    }
  }
}
