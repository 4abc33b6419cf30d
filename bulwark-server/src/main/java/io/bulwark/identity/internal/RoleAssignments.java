package io.bulwark.identity.internal;

import io.bulwark.platform.TenantId;
import java.util.List;
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

  List<String> rolesOfClient(TenantId tenant, String registeredClientId) {
    return jdbc.sql(
            "select role from role_assignments where tenant_id = ? and principal_type = 'client'"
                + " and principal_id = ? and (expires_at is null or expires_at > now())"
                + " order by role")
        .params(tenant.value(), registeredClientId)
        .query(String.class)
        .list();
  }

  void grantToClient(TenantId tenant, String registeredClientId, String role) {
    jdbc.sql(
            "insert into role_assignments (tenant_id, principal_type, principal_id, role)"
                + " values (?, 'client', ?, ?) on conflict do nothing")
        .params(tenant.value(), registeredClientId, role)
        .update();
  }
}
