package io.bulwark.identity.internal;

import io.bulwark.identity.SignInRecorded;
import io.bulwark.identity.UserMfa;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The password step of signing in to a tenant issuer, with brute-force throttling. Unknown users,
 * wrong passwords, disabled and locked accounts all fail alike and take alike: an unknown user's
 * password is checked against a dummy Argon2id hash with the same parameters.
 */
@Service
class SignIn {

  /** A hash of nothing anyone knows, so that unknown users cost one Argon2id check too. */
  private static final String DUMMY_HASH = JdbcUsers.ARGON2ID.encode(UUID.randomUUID().toString());

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final SignInThrottle throttle;
  private final JdbcUserMfa mfa;
  private final UserMfa policies;
  private final RoleAssignments roles;
  private final ApplicationEventPublisher events;

  SignIn(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      SignInThrottle throttle,
      JdbcUserMfa mfa,
      RoleAssignments roles,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.throttle = throttle;
    this.mfa = mfa;
    this.policies = mfa;
    this.roles = roles;
    this.events = events;
  }

  /** What the password step decided. */
  sealed interface Outcome permits Failed, Passed {}

  /** Wrong, unknown, disabled or locked: the caller shows one generic message. */
  record Failed() implements Outcome {}

  /**
   * @param userId who signed in
   * @param next what the user must do before the sign-in completes
   */
  record Passed(UUID userId, Next next) implements Outcome {}

  /** After the password. */
  enum Next {
    DONE,
    OTP,
    ENROLL
  }

  /** The client, as far as the audit log needs it. */
  record Client(@Nullable String ip, @Nullable String userAgent) {}

  Outcome password(TenantId tenant, String username, String password, Client client) {
    record Account(UUID id, @Nullable String hash, String status) {}
    String accountKey = SignInThrottle.account(username);
    String addressKey = SignInThrottle.address(client.ip() == null ? "unknown" : client.ip());
    Optional<Account> account =
        inTenant(
            tenant,
            () ->
                jdbc.sql(
                        "select id, password_hash, status from users where tenant_id = ?"
                            + " and lower(username) = lower(?)")
                    .params(tenant.value(), username)
                    .query((row, n) ->
                        new Account(
                            row.getObject("id", UUID.class),
                            row.getString("password_hash"),
                            row.getString("status")))
                    .optional());
    String hash = account.map(Account::hash).orElse(null);
    boolean matches =
        JdbcUsers.ARGON2ID.matches(password, hash == null ? DUMMY_HASH : hash) && hash != null;
    UUID userId = account.map(Account::id).orElse(null);
    return inTenant(
        tenant,
        () -> {
          if (throttle.locked(tenant, accountKey, addressKey)) {
            record(tenant, "login.failed", false, userId, "locked", client);
            return new Failed();
          }
          if (!matches || !"active".equals(account.get().status())) {
            boolean lockedNow = throttle.failed(tenant, accountKey, addressKey);
            record(
                tenant,
                "login.failed",
                false,
                userId,
                account.isEmpty() ? "unknown_user" : matches ? "inactive" : "bad_credentials",
                client);
            if (lockedNow) {
              record(tenant, "login.locked_out", false, userId, "too_many_failures", client);
            }
            return new Failed();
          }
          throttle.succeeded(tenant, accountKey);
          if (mfa.enrolled(tenant, userId)) {
            return new Passed(userId, Next.OTP);
          }
          if (policies.policy(tenant).requires(roles.rolesOfUser(tenant, userId.toString()))) {
            return new Passed(userId, Next.ENROLL);
          }
          return new Passed(userId, Next.DONE);
        });
  }

  /**
   * @return whether the tenant's MFA policy requires a second factor of this user
   */
  boolean mfaRequired(TenantId tenant, UUID userId) {
    return inTenant(
        tenant,
        () -> policies.policy(tenant).requires(roles.rolesOfUser(tenant, userId.toString())));
  }

  /** Checks the second factor, counting failures against the account like wrong passwords. */
  boolean secondFactor(TenantId tenant, UUID userId, String code, Client client) {
    return inTenant(
        tenant,
        () -> {
          String username =
              jdbc.sql("select username from users where tenant_id = ? and id = ?")
                  .params(tenant.value(), userId)
                  .query(String.class)
                  .single();
          String accountKey = SignInThrottle.account(username);
          String addressKey = SignInThrottle.address(client.ip() == null ? "unknown" : client.ip());
          if (throttle.locked(tenant, accountKey, addressKey)) {
            record(tenant, "mfa.failed", false, userId, "locked", client);
            return false;
          }
          if (mfa.verify(tenant, userId, code)) {
            return true;
          }
          record(tenant, "mfa.failed", false, userId, "bad_code", client);
          if (throttle.failed(tenant, accountKey, addressKey)) {
            record(tenant, "login.locked_out", false, userId, "too_many_failures", client);
          }
          return false;
        });
  }

  void record(
      TenantId tenant,
      String action,
      boolean success,
      @Nullable UUID userId,
      @Nullable String reason,
      Client client) {
    inTenant(
        tenant,
        () -> {
          events.publishEvent(
              new SignInRecorded(
                  tenant, action, success, userId, reason, client.ip(), client.userAgent()));
          return null;
        });
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
