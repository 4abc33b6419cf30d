package io.bulwark.identity.internal;

import io.bulwark.authorization.Role;
import io.bulwark.authorization.Roles;
import io.bulwark.authorization.ScopedRole;
import io.bulwark.identity.NewRoleAssignment;
import io.bulwark.identity.PrincipalRoles;
import io.bulwark.identity.RoleAssignment;
import io.bulwark.identity.RoleAssignment.PrincipalType;
import io.bulwark.identity.RoleAssignmentChanged;
import io.bulwark.identity.Users;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Role assignments in the {@code role_assignments} table. Clients are stored under their registered
 * id and shown under their {@code client_id}; users under their id. The one path through which the
 * API grants and revokes roles, for users and clients alike.
 */
@Service
class JdbcPrincipalRoles implements PrincipalRoles {

  private static final String SELECT =
      "select ra.id, ra.principal_type, coalesce(c.client_id, ra.principal_id) as principal,"
          + " ra.role, ra.resource_prefix, ra.expires_at, ra.granted_at from role_assignments ra"
          + " left join oauth2_registered_client c on ra.principal_type = 'client'"
          + " and c.tenant_id = ra.tenant_id and c.id = ra.principal_id where ra.tenant_id = ?";

  private final JdbcClient jdbc;
  private final RegisteredClientRepository clients;
  private final Users users;
  private final Roles roles;
  private final Tenants tenants;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();

  JdbcPrincipalRoles(
      JdbcClient jdbc,
      RegisteredClientRepository clients,
      Users users,
      Roles roles,
      Tenants tenants,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.users = users;
    this.roles = roles;
    this.tenants = tenants;
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public RoleAssignment grant(TenantId tenant, NewRoleAssignment request) {
    Role role =
        roles
            .find(request.role())
            .orElseThrow(() -> new InvalidFieldException("role", "is not a known role"));
    if (role.scope() == Role.Scope.PLATFORM && !tenants.system().id().equals(tenant)) {
      throw new InvalidFieldException(
          "role", "is a platform role; it can be held only in the system tenant");
    }
    String prefix = request.resourcePrefix();
    if (prefix != null && !role.narrowable()) {
      throw new InvalidFieldException(
          "resource_prefix", "cannot narrow this role; only roles over secrets take a prefix");
    }
    if (prefix != null && !ScopedRole.isValidPrefix(prefix)) {
      throw new InvalidFieldException(
          "resource_prefix", "must be 1 to 8 path segments, each followed by '/'");
    }
    Instant expiresAt = request.expiresAt();
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw new InvalidFieldException("expires_at", "must be in the future");
    }
    return inTenant(
        tenant,
        () -> {
          String stored = storedId(tenant, request.principalType(), request.principalId());
          RoleAssignment granted =
              jdbc.sql(
                      "insert into role_assignments (tenant_id, principal_type, principal_id, role,"
                          + " expires_at, resource_prefix) values (?, ?, ?, ?, ?, ?) on conflict"
                          + " (tenant_id, principal_type, principal_id, role, resource_prefix)"
                          + " do update set expires_at = excluded.expires_at, granted_at = now()"
                          + " returning id, granted_at")
                  .params(
                      tenant.value(),
                      request.principalType().value(),
                      stored,
                      request.role(),
                      expiresAt == null ? null : Timestamp.from(expiresAt),
                      prefix == null ? "" : prefix)
                  .query((rs, n) ->
                      new RoleAssignment(
                          rs.getObject("id", UUID.class),
                          request.principalType(),
                          request.principalId(),
                          request.role(),
                          prefix,
                          expiresAt,
                          rs.getTimestamp("granted_at").toInstant()))
                  .single();
          events.publishEvent(
              new RoleAssignmentChanged(tenant, granted, RoleAssignmentChanged.Change.GRANTED));
          return granted;
        });
  }

  @Override
  public List<RoleAssignment> list(
      TenantId tenant,
      @Nullable PrincipalType principalType,
      @Nullable String principalId,
      @Nullable String role) {
    StringBuilder sql = new StringBuilder(SELECT);
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    if (principalType != null) {
      sql.append(" and ra.principal_type = ?");
      params.add(principalType.value());
    }
    if (principalId != null) {
      sql.append(" and coalesce(c.client_id, ra.principal_id) = ?");
      params.add(principalId);
    }
    if (role != null) {
      sql.append(" and ra.role = ?");
      params.add(role);
    }
    sql.append(" order by ra.granted_at, ra.id");
    return inTenant(
        tenant,
        () -> jdbc.sql(sql.toString()).params(params).query((rs, n) -> assignment(rs)).list());
  }

  @Override
  public boolean revoke(TenantId tenant, UUID id) {
    return inTenant(
        tenant,
        () -> {
          List<RoleAssignment> found =
              jdbc.sql(SELECT + " and ra.id = ?")
                  .params(tenant.value(), id)
                  .query((rs, n) -> assignment(rs))
                  .list();
          found.forEach(assignment -> delete(tenant, assignment));
          return !found.isEmpty();
        });
  }

  @Override
  public boolean revokeAll(
      TenantId tenant, PrincipalType principalType, String principalId, String role) {
    return inTenant(
        tenant,
        () -> {
          String stored = storedId(tenant, principalType, principalId);
          List<RoleAssignment> found =
              jdbc.sql(
                      SELECT
                          + " and ra.principal_type = ? and ra.principal_id = ? and ra.role = ?"
                          + " order by ra.resource_prefix")
                  .params(tenant.value(), principalType.value(), stored, role)
                  .query((rs, n) -> assignment(rs))
                  .list();
          found.forEach(assignment -> delete(tenant, assignment));
          return !found.isEmpty();
        });
  }

  private void delete(TenantId tenant, RoleAssignment assignment) {
    jdbc.sql("delete from role_assignments where tenant_id = ? and id = ?")
        .params(tenant.value(), assignment.id())
        .update();
    events.publishEvent(
        new RoleAssignmentChanged(tenant, assignment, RoleAssignmentChanged.Change.REVOKED));
  }

  /** The id the table stores for a principal of the tenant; 404 when there is none. */
  private String storedId(TenantId tenant, PrincipalType type, String principalId) {
    return switch (type) {
      case CLIENT -> {
        RegisteredClient client = clients.findByClientId(principalId);
        if (client == null) {
          throw new ApiProblem(ProblemType.NOT_FOUND, "No such client in this tenant");
        }
        yield client.getId();
      }
      case USER -> {
        UUID id;
        try {
          id = UUID.fromString(principalId);
        } catch (IllegalArgumentException notAnId) {
          throw new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
        }
        if (users.find(tenant, id).filter(user -> user.deletedAt() == null).isEmpty()) {
          throw new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
        }
        yield id.toString();
      }
    };
  }

  private static RoleAssignment assignment(ResultSet rs) throws SQLException {
    String prefix = rs.getString("resource_prefix");
    Timestamp expires = rs.getTimestamp("expires_at");
    return new RoleAssignment(
        rs.getObject("id", UUID.class),
        PrincipalType.valueOf(rs.getString("principal_type").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("principal"),
        rs.getString("role"),
        prefix.isEmpty() ? null : prefix,
        expires == null ? null : expires.toInstant(),
        rs.getTimestamp("granted_at").toInstant());
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
