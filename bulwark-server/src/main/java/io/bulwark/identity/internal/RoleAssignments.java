package io.bulwark.identity.internal;

import io.bulwark.authorization.ScopedRole;
import io.bulwark.platform.TenantId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The roles tokens carry: what principals hold within a tenant. Expired assignments grant nothing.
 * Grants and revocations through the API go through {@link JdbcPrincipalRoles}.
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

  /** Grants a role for good, as the bootstrap does; the API grants through JdbcPrincipalRoles. */
  void grantToClient(TenantId tenant, String registeredClientId, String role) {
    jdbc.sql(
            "insert into role_assignments (tenant_id, principal_type, principal_id, role)"
                + " values (?, 'client', ?, ?) on conflict do nothing")
        .params(tenant.value(), registeredClientId, role)
        .update();
  }
}
