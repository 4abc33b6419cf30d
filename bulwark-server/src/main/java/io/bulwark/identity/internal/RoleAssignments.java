package io.bulwark.identity.internal;

import io.bulwark.authorization.ScopedRole;
import io.bulwark.platform.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Roles granted to principals within a tenant. Expired assignments grant nothing. The authorization
 * issue grows this into full RBAC; tokens carry what it returns.
 */
@Component
class RoleAssignments {

  private final JdbcClient jdbc;

  RoleAssignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Role names as tokens carry them: {@code role}, or {@code role@prefix} when narrowed. */
  List<String> rolesOfClient(TenantId tenant, String registeredClientId) {
    return jdbc.sql(
            "select role, resource_prefix from role_assignments where tenant_id = ?"
                + " and principal_type = 'client' and principal_id = ?"
                + " and (expires_at is null or expires_at > now()) order by role, resource_prefix")
        .params(tenant.value(), registeredClientId)
        .query((rs, n) -> {
          String prefix = rs.getString("resource_prefix");
          return new ScopedRole(rs.getString("role"), prefix.isEmpty() ? null : prefix)
              .claimValue();
        })
        .list();
  }

  List<String> rolesOfUser(TenantId tenant, String userId) {
    return jdbc.sql(
            "select role from role_assignments where tenant_id = ? and principal_type = 'user'"
                + " and principal_id = ? and (expires_at is null or expires_at > now())"
                + " order by role")
        .params(tenant.value(), userId)
        .query(String.class)
        .list();
  }

  void grantToClient(TenantId tenant, String registeredClientId, String role) {
    grantToClient(tenant, registeredClientId, role, null, null);
  }

  void grantToClient(
      TenantId tenant,
      String registeredClientId,
      String role,
      @Nullable Instant expiresAt,
      @Nullable String resourcePrefix) {
    jdbc.sql(
            "insert into role_assignments (tenant_id, principal_type, principal_id, role,"
                + " expires_at, resource_prefix) values (?, 'client', ?, ?, ?, ?) on conflict"
                + " (tenant_id, principal_type, principal_id, role, resource_prefix) do update"
                + " set expires_at = excluded.expires_at, granted_at = now()")
        .params(
            tenant.value(),
            registeredClientId,
            role,
            expiresAt == null ? null : Timestamp.from(expiresAt),
            resourcePrefix == null ? "" : resourcePrefix)
        .update();
  }

  boolean revokeFromClient(TenantId tenant, String registeredClientId, String role) {
    return jdbc.sql(
                "delete from role_assignments where tenant_id = ? and principal_type = 'client'"
                    + " and principal_id = ? and role = ?")
            .params(tenant.value(), registeredClientId, role)
            .update()
        > 0;
  }
}
