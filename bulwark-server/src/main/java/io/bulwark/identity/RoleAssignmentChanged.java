package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Objects;
import java.util.UUID;

/**
 * Published, inside the transaction that made it, when a user or a client of a tenant was granted a
 * role or lost one. Listeners that record it (the audit ledger) take part in that transaction: no
 * audit record, no change.
 *
 * @param tenantId the tenant
 * @param assignment the assignment as granted, or as it was before its revocation
 * @param change what happened
 */
public record RoleAssignmentChanged(TenantId tenantId, RoleAssignment assignment, Change change) {

  public RoleAssignmentChanged {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(change, "change");
  }

  /**
   * @return the assignment's id
   */
  public UUID assignmentId() {
    return assignment.id();
  }

  /** The kinds of change. */
  public enum Change {
    GRANTED,
    REVOKED
  }

  /**
   * @return the audit action, such as {@code user.role_granted} or {@code client.role_revoked}
   */
  public String action() {
    return assignment.principalType().value()
        + (change == Change.GRANTED ? ".role_granted" : ".role_revoked");
  }
}
