package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * People's accounts, scoped to a tenant. Passwords are hashed with Argon2id (OWASP parameters) and
 * must pass the {@link PasswordPolicy}. Deleting keeps an account {@link #DELETION_GRACE} for
 * restoring, then a scheduled job purges it.
 */
public interface Users {

  /** How long a deleted account can be restored before it is purged. */
  Duration DELETION_GRACE = Duration.ofDays(30);

  /**
   * @param tenant the owning tenant
   * @param username the sign-in name
   * @param email an e-mail address, or null
   * @param displayName a human name, or null
   * @param password the initial password, or null for an account that cannot sign in yet
   * @return the new user
   * @throws io.bulwark.platform.problem.ApiProblem 409 when username or e-mail is taken, 400 when
   *     the password breaks the policy
   */
  User create(
      TenantId tenant,
      String username,
      @Nullable String email,
      @Nullable String displayName,
      @Nullable Password password);

  /**
   * @param tenant a tenant
   * @param id a user id
   * @return the user, deleted ones included
   */
  Optional<User> find(TenantId tenant, UUID id);

  /**
   * @param tenant a tenant
   * @param afterUsername continue after this username, or from the start
   * @param limit at most this many
   * @return users in username order, deleted ones excluded
   */
  List<User> list(TenantId tenant, @Nullable String afterUsername, int limit);

  /**
   * @param tenant the tenant
   * @param id the user
   * @param email a new e-mail address, or null to keep it
   * @param displayName a new display name, or null to keep it
   * @param status ACTIVE, DISABLED or LOCKED, or null to keep it
   * @return the user as it is now
   */
  User update(
      TenantId tenant,
      UUID id,
      @Nullable String email,
      @Nullable String displayName,
      @Nullable UserStatus status);

  /**
   * @param tenant the tenant
   * @param id the user
   * @param password the new password, checked against the policy
   */
  void setPassword(TenantId tenant, UUID id, Password password);

  /**
   * Deletes softly: the account stops working at once and is purged after the grace period.
   *
   * @param tenant the tenant
   * @param id the user
   */
  void delete(TenantId tenant, UUID id);

  /**
   * @param tenant the tenant
   * @param id a deleted user still within the grace period
   * @return the restored user, active again
   */
  User restore(TenantId tenant, UUID id);

  /**
   * A password in the clear, on its way to being hashed: no {@code toString} reveals it.
   *
   * @param value the characters
   */
  record Password(String value) {
    @Override
    public String toString() {
      return "Password[redacted]";
    }
  }

  /**
   * Lifts the brute-force lock of the user's account and clears its failure count; the per-address
   * counters stay as they are.
   *
   * @param tenant the tenant
   * @param id the user
   * @throws io.bulwark.platform.problem.ApiProblem 404 when there is no such live user
   */
  void unlock(TenantId tenant, UUID id);
}
