package io.bulwark.identity.internal;

import io.bulwark.identity.PasswordPolicy;
import io.bulwark.identity.User;
import io.bulwark.identity.UserChanged;
import io.bulwark.identity.UserDeleted;
import io.bulwark.identity.UserStatus;
import io.bulwark.identity.Users;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users on PostgreSQL under row-level security. Passwords are hashed with Argon2id using OWASP's
 * parameters (19 MiB memory, 2 iterations, parallelism 1, 16-byte salt, 32-byte hash).
 *
 * @see <a
 *     href="https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id">OWASP
 *     Password Storage</a>
 */
@Service
class JdbcUsers implements Users {

  static final Argon2PasswordEncoder ARGON2ID = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final String COLUMNS =
      "id, username, email, display_name, status, created_at, updated_at, deleted_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final PasswordPolicy policy;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();
  private final SignInThrottle throttle;

  JdbcUsers(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      PasswordPolicy policy,
      SignInThrottle throttle,
      ApplicationEventPublisher events) {
    this.throttle = throttle;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.policy = policy;
    this.events = events;
  }

  @Override
  public User create(
      TenantId tenant,
      String username,
      @Nullable String email,
      @Nullable String displayName,
      @Nullable Password password) {
    checkUsername(username);
    checkEmail(email);
    checkDisplayName(displayName);
    String hash = password == null ? null : hash(password, username, email);
    UUID id = UUID.randomUUID();
    return inTenant(
        tenant,
        () -> {
          try {
            jdbc.sql(
                    "insert into users (tenant_id, id, username, email, display_name, password_hash,"
                        + " status) values (?, ?, ?, ?, ?, ?, 'active')")
                .params(tenant.value(), id, username, email, displayName, hash)
                .update();
          } catch (DuplicateKeyException e) {
            throw new ApiProblem(
                ProblemType.ALREADY_EXISTS,
                "A user with that username or e-mail address already exists",
                Map.of(
                    "field",
                    e.getMessage() != null && e.getMessage().contains("users_email")
                        ? "email"
                        : "username"));
          }
          changed(tenant, id, UserChanged.Change.CREATED, null);
          return load(tenant, id).orElseThrow();
        });
  }

  @Override
  public Optional<User> find(TenantId tenant, UUID id) {
    return inTenant(tenant, () -> load(tenant, id));
  }

  @Override
  public List<User> list(TenantId tenant, @Nullable String afterUsername, int limit) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from users where tenant_id = ? and status <> 'deleted'"
                        + " and lower(username) > lower(?) order by lower(username) limit ?")
                .params(tenant.value(), afterUsername == null ? "" : afterUsername, limit)
                .query(JdbcUsers::map)
                .list());
  }

  @Override
  public User update(
      TenantId tenant,
      UUID id,
      @Nullable String email,
      @Nullable String displayName,
      @Nullable UserStatus status) {
    checkEmail(email);
    checkDisplayName(displayName);
    if (status == UserStatus.DELETED) {
      throw new InvalidFieldException("status", "use DELETE to delete a user");
    }
    return inTenant(
        tenant,
        () -> {
          User current = requireLive(tenant, id);
          try {
            jdbc.sql(
                    "update users set email = ?, display_name = ?, status = ?, updated_at = now()"
                        + " where tenant_id = ? and id = ?")
                .params(
                    email == null ? current.email() : email,
                    displayName == null ? current.displayName() : displayName,
                    (status == null ? current.status() : status).name().toLowerCase(Locale.ROOT),
                    tenant.value(),
                    id)
                .update();
          } catch (DuplicateKeyException e) {
            throw new ApiProblem(
                ProblemType.ALREADY_EXISTS,
                "A user with that e-mail address already exists",
                Map.of("field", "email"));
          }
          User updated = load(tenant, id).orElseThrow();
          changed(
              tenant,
              id,
              UserChanged.Change.UPDATED,
              updated.status().name().toLowerCase(Locale.ROOT));
          return updated;
        });
  }

  @Override
  public void setPassword(TenantId tenant, UUID id, Password password) {
    User user =
        find(tenant, id)
            .filter(u -> u.status() != UserStatus.DELETED)
            .orElseThrow(() -> notFound());
    String hash = hash(password, user.username(), user.email());
    inTenant(
        tenant,
        () -> {
          jdbc.sql(
                  "update users set password_hash = ?, updated_at = now() where tenant_id = ? and id = ?")
              .params(hash, tenant.value(), id)
              .update();
          changed(tenant, id, UserChanged.Change.PASSWORD_CHANGED, null);
          return null;
        });
  }

  @Override
  public void unlock(TenantId tenant, UUID id) {
    inTenant(
        tenant,
        () -> {
          User user = requireLive(tenant, id);
          throttle.succeeded(tenant, SignInThrottle.account(user.username()));
          changed(tenant, id, UserChanged.Change.UNLOCKED, null);
          return null;
        });
  }

  @Override
  public void delete(TenantId tenant, UUID id) {
    inTenant(
        tenant,
        () -> {
          requireLive(tenant, id);
          jdbc.sql(
                  "update users set status = 'deleted', deleted_at = now(), updated_at = now()"
                      + " where tenant_id = ? and id = ?")
              .params(tenant.value(), id)
              .update();
          events.publishEvent(new UserDeleted(tenant, id, false));
          changed(tenant, id, UserChanged.Change.DELETED, null);
          return null;
        });
  }

  @Override
  public User restore(TenantId tenant, UUID id) {
    return inTenant(
        tenant,
        () -> {
          User user = load(tenant, id).orElseThrow(JdbcUsers::notFound);
          if (user.status() != UserStatus.DELETED) {
            throw new ApiProblem(
                ProblemType.INVALID_STATE,
                "Only a deleted user can be restored; this one is "
                    + user.status().name().toLowerCase(Locale.ROOT));
          }
          jdbc.sql(
                  "update users set status = 'active', deleted_at = null, updated_at = now()"
                      + " where tenant_id = ? and id = ?")
              .params(tenant.value(), id)
              .update();
          changed(tenant, id, UserChanged.Change.RESTORED, null);
          return load(tenant, id).orElseThrow();
        });
  }

  /**
   * Purges the tenant's users deleted longer than the grace period ago.
   *
   * @return how many were purged
   */
  int purgeExpired(TenantId tenant) {
    Instant cutoff = clock.instant().minus(DELETION_GRACE);
    return inTenant(
        tenant,
        () -> {
          List<UUID> expired =
              jdbc.sql(
                      "delete from users where tenant_id = ? and status = 'deleted'"
                          + " and deleted_at < ? returning id")
                  .params(tenant.value(), Timestamp.from(cutoff))
                  .query((row, n) -> row.getObject("id", UUID.class))
                  .list();
          expired.forEach(id -> {
            events.publishEvent(new UserDeleted(tenant, id, true));
            changed(tenant, id, UserChanged.Change.PURGED, null);
          });
          return expired.size();
        });
  }

  private void changed(
      TenantId tenant, UUID id, UserChanged.Change change, @Nullable String status) {
    events.publishEvent(new UserChanged(tenant, id, change, status));
  }

  private String hash(Password password, String username, @Nullable String email) {
    List<String> violations =
        policy.violations(password.value(), username, email == null ? "" : email);
    if (!violations.isEmpty()) {
      throw new ApiProblem(
          ProblemType.INVALID_FIELD,
          "The password " + String.join("; ", violations),
          Map.of("field", "password", "violations", violations));
    }
    return ARGON2ID.encode(password.value());
  }

  private User requireLive(TenantId tenant, UUID id) {
    return load(tenant, id)
        .filter(u -> u.status() != UserStatus.DELETED)
        .orElseThrow(JdbcUsers::notFound);
  }

  private Optional<User> load(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ?")
        .params(tenant.value(), id)
        .query(JdbcUsers::map)
        .optional();
  }

  private static ApiProblem notFound() {
    return new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
  }

  private static void checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidFieldException("username", "must be 1 to 100 of A-Z a-z 0-9 . _ @ + -");
    }
  }

  private static void checkEmail(@Nullable String email) {
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      throw new InvalidFieldException("email", "is not an e-mail address");
    }
  }

  private static void checkDisplayName(@Nullable String displayName) {
    if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
      throw new InvalidFieldException("display_name", "must be 1 to 200 characters");
    }
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  private static User map(ResultSet row, int n) throws SQLException {
    Timestamp deleted = row.getTimestamp("deleted_at");
    return new User(
        row.getObject("id", UUID.class),
        row.getString("username"),
        row.getString("email"),
        row.getString("display_name"),
        UserStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant(),
        deleted == null ? null : deleted.toInstant());
  }
}
