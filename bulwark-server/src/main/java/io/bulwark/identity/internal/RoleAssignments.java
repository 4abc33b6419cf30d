package io.bulwark.identity.internal;

import io.bulwark.authorization.ScopedRole;
import io.bulwark.identity.RoleAssignmentChanged;
import io.bulwark.identity.ServiceClientChanged;
import io.bulwark.identity.UserDeleted;
import io.bulwark.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The roles tokens carry: what principals hold within a tenant. Expired assignments grant nothing.
 * Grants and revocations through the API go through {@link JdbcPrincipalRoles}.
 *
 * <p>Every token asks, so answers are cached per principal for {@link #TIME_TO_LIVE}, and never
 * past the moment the earliest of the answer's assignments expires. A change made on this node
 * (grant, revocation, a client or user deleted) forgets the tenant's answers at once and again when
 * its transaction ends; one made on another node shows within the time to live.
 */
@Component
class RoleAssignments {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  private static final int MAX_ENTRIES = 10_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

  RoleAssignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /**
   * Role names as tokens carry them: {@code role}, or {@code role@prefix} when narrowed. A fresh
   * {@link ArrayList} each time: Spring stores token claims with type information that admits only
   * that list type.
   */
  List<String> rolesOfClient(TenantId tenant, String registeredClientId) {
    return roles(new Key(tenant, "client", registeredClientId));
  }

  List<String> rolesOfUser(TenantId tenant, String userId) {
    return roles(new Key(tenant, "user", userId));
  }

  /** Grants a role for good, as the bootstrap does; the API grants through JdbcPrincipalRoles. */
  void grantToClient(TenantId tenant, String registeredClientId, String role) {
    jdbc.sql(
            "insert into role_assignments (tenant_id, principal_type, principal_id, role)"
                + " values (?, 'client', ?, ?) on conflict do nothing")
        .params(tenant.value(), registeredClientId, role)
        .update();
    forget(tenant);
  }

  @EventListener
  void on(RoleAssignmentChanged changed) {
    forget(changed.tenantId());
  }

  @EventListener
  void on(ServiceClientChanged changed) {
    if (changed.change() == ServiceClientChanged.Change.DELETED) {
      forget(changed.tenantId());
    }
  }

  @EventListener
  void on(UserDeleted deleted) {
    forget(deleted.tenantId());
  }

  private List<String> roles(Key key) {
    Instant now = clock.instant();
    Answer cached = answers.get(key);
    if (cached != null && now.isBefore(cached.validUntil())) {
      return new ArrayList<>(cached.roles());
    }
    Answer loaded = load(key, now);
    if (answers.size() >= MAX_ENTRIES) {
      answers.clear();
    }
    answers.put(key, loaded);
    return new ArrayList<>(loaded.roles());
  }

  private Answer load(Key key, Instant now) {
    List<String> roles = new ArrayList<>();
    Instant validUntil = now.plus(TIME_TO_LIVE);
    List<Instant> expiries =
        jdbc.sql(
                "select role, resource_prefix, expires_at from role_assignments"
                    + " where tenant_id = ? and principal_type = ? and principal_id = ?"
                    + " and (expires_at is null or expires_at > ?) order by role, resource_prefix")
            .params(key.tenant().value(), key.type(), key.principalId(), Timestamp.from(now))
            .query((rs, n) -> {
              String prefix = rs.getString("resource_prefix");
              roles.add(
                  new ScopedRole(rs.getString("role"), prefix.isEmpty() ? null : prefix)
                      .claimValue());
              Timestamp expires = rs.getTimestamp("expires_at");
              return expires == null ? Instant.MAX : expires.toInstant();
            })
            .list();
    for (Instant expiry : expiries) {
      if (expiry.isBefore(validUntil)) {
        validUntil = expiry;
      }
    }
    return new Answer(List.copyOf(roles), validUntil);
  }

  private void forget(TenantId tenant) {
    Forgetting.nowAndAfterTransaction(
        () -> answers.keySet().removeIf(key -> key.tenant().equals(tenant)));
  }

  private record Key(TenantId tenant, String type, String principalId) {}

  private record Answer(List<String> roles, Instant validUntil) {}
}
