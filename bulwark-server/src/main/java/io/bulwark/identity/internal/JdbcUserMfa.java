package io.bulwark.identity.internal;

import io.bulwark.identity.IdentitySettingChanged;
import io.bulwark.identity.MfaPolicy;
import io.bulwark.identity.SignInRecorded;
import io.bulwark.identity.UserMfa;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * TOTP factors (secrets encrypted under the tenant's data key, bound to tenant and user), their
 * single-use recovery codes (SHA-256 of 50 random bits each: high-entropy, so a fast hash suffices)
 * and the tenant's MFA policy.
 */
@Service
class JdbcUserMfa implements UserMfa {

  static final int RECOVERY_CODES = 10;
  private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final TenantEncryption encryption;
  private final ApplicationEventPublisher events;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  JdbcUserMfa(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      TenantEncryption encryption,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.encryption = encryption;
    this.events = events;
    this.clock = Clock.systemUTC();
  }

  @Override
  public MfaPolicy policy(TenantId tenant) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql("select mode, roles from mfa_policies where tenant_id = ?")
                .params(tenant.value())
                .query((row, n) ->
                    new MfaPolicy(
                        MfaPolicy.Mode.valueOf(row.getString("mode").toUpperCase(Locale.ROOT)),
                        Arrays.asList((String[]) row.getArray("roles").getArray())))
                .optional()
                .orElse(MfaPolicy.OPTIONAL));
  }

  @Override
  public MfaPolicy setPolicy(TenantId tenant, MfaPolicy policy) {
    inTenant(
        tenant,
        () -> {
          MfaPolicy before = policy(tenant);
          jdbc.sql(
                  "insert into mfa_policies (tenant_id, mode, roles) values (?, ?, ?::text[])"
                      + " on conflict (tenant_id) do update set mode = excluded.mode,"
                      + " roles = excluded.roles, updated_at = now()")
              .params(
                  tenant.value(),
                  policy.mode().name().toLowerCase(Locale.ROOT),
                  "{" + String.join(",", policy.roles()) + "}")
              .update();
          events.publishEvent(
              new IdentitySettingChanged(
                  tenant,
                  IdentitySettingChanged.Setting.MFA,
                  before.asFields(),
                  policy.asFields()));
          return null;
        });
    return policy;
  }

  @Override
  public void reset(TenantId tenant, UUID userId) {
    inTenant(
        tenant,
        () -> {
          boolean exists =
              jdbc.sql(
                          "select count(*) from users where tenant_id = ? and id = ?"
                              + " and status <> 'deleted'")
                      .params(tenant.value(), userId)
                      .query(Integer.class)
                      .single()
                  > 0;
          if (!exists) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
          }
          jdbc.sql("delete from user_totp where tenant_id = ? and user_id = ?")
              .params(tenant.value(), userId)
              .update();
          jdbc.sql("delete from user_recovery_codes where tenant_id = ? and user_id = ?")
              .params(tenant.value(), userId)
              .update();
          events.publishEvent(
              new SignInRecorded(tenant, "mfa.reset", true, userId, null, null, null));
          return null;
        });
  }

  /**
   * Removes the user's own factor and recovery codes, recording {@code mfa.removed} in the same
   * transaction. The caller has checked a current code and the tenant's policy.
   *
   * @return whether there was a confirmed factor to remove
   */
  boolean removeOwnFactor(TenantId tenant, UUID userId, SignIn.Client client) {
    return inTenant(
        tenant,
        () -> {
          int removed =
              jdbc.sql(
                      "delete from user_totp where tenant_id = ? and user_id = ?"
                          + " and confirmed_at is not null")
                  .params(tenant.value(), userId)
                  .update();
          if (removed == 0) {
            return false;
          }
          jdbc.sql("delete from user_recovery_codes where tenant_id = ? and user_id = ?")
              .params(tenant.value(), userId)
              .update();
          events.publishEvent(
              new SignInRecorded(
                  tenant, "mfa.removed", true, userId, null, client.ip(), client.userAgent()));
          return true;
        });
  }

  /**
   * @return whether the user has a confirmed TOTP factor
   */
  boolean enrolled(TenantId tenant, UUID userId) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(
                        "select count(*) from user_totp where tenant_id = ? and user_id = ?"
                            + " and confirmed_at is not null")
                    .params(tenant.value(), userId)
                    .query(Integer.class)
                    .single()
                > 0);
  }

  /**
   * Starts (or resumes) enrollment: an unconfirmed secret, kept until a code from it is confirmed.
   *
   * @return the secret, for the otpauth URI
   */
  byte[] beginEnrollment(TenantId tenant, UUID userId) {
    return inTenant(
        tenant,
        () -> {
          Optional<byte[]> pending =
              jdbc.sql(
                      "select secret from user_totp where tenant_id = ? and user_id = ?"
                          + " and confirmed_at is null")
                  .params(tenant.value(), userId)
                  .query((row, n) -> row.getBytes("secret"))
                  .optional();
          if (pending.isPresent()) {
            return encryption.decrypt(tenant, pending.get(), associatedData(tenant, userId));
          }
          byte[] secret = new byte[20];
          random.nextBytes(secret);
          jdbc.sql(
                  "insert into user_totp (tenant_id, user_id, secret) values (?, ?, ?)"
                      + " on conflict (tenant_id, user_id) do nothing")
              .params(
                  tenant.value(),
                  userId,
                  encryption.encrypt(tenant, secret, associatedData(tenant, userId)))
              .update();
          return secret;
        });
  }

  /**
   * Confirms enrollment with a code from the new secret.
   *
   * @return the ten recovery codes, shown once; empty when the code is wrong
   */
  Optional<List<String>> confirmEnrollment(
      TenantId tenant, UUID userId, String code, SignIn.Client client) {
    return inTenant(
        tenant,
        () -> {
          if (!acceptCode(tenant, userId, code, false)) {
            return Optional.empty();
          }
          jdbc.sql("update user_totp set confirmed_at = now() where tenant_id = ? and user_id = ?")
              .params(tenant.value(), userId)
              .update();
          jdbc.sql("delete from user_recovery_codes where tenant_id = ? and user_id = ?")
              .params(tenant.value(), userId)
              .update();
          List<String> codes = new ArrayList<>();
          for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = recoveryCode();
            codes.add(recovery);
            jdbc.sql(
                    "insert into user_recovery_codes (tenant_id, user_id, code_hash) values (?, ?, ?)")
                .params(tenant.value(), userId, sha256(recovery))
                .update();
          }
          // Recorded in the confirmation's transaction: the factor exists iff its audit entry does.
          events.publishEvent(
              new SignInRecorded(
                  tenant, "mfa.enrolled", true, userId, null, client.ip(), client.userAgent()));
          return Optional.of(List.copyOf(codes));
        });
  }

  /**
   * Verifies a second factor at sign-in: a TOTP code (±1 step, each step once) or an unused
   * recovery code, which is then spent.
   */
  boolean verify(TenantId tenant, UUID userId, String code) {
    return inTenant(
        tenant,
        () -> {
          String trimmed = code.strip();
          if (trimmed.length() == Totp.DIGITS) {
            return acceptCode(tenant, userId, trimmed, true);
          }
          return jdbc.sql(
                      "update user_recovery_codes set used_at = now() where tenant_id = ?"
                          + " and user_id = ? and code_hash = ? and used_at is null")
                  .params(tenant.value(), userId, sha256(trimmed.toLowerCase(Locale.ROOT)))
                  .update()
              == 1;
        });
  }

  private boolean acceptCode(TenantId tenant, UUID userId, String code, boolean confirmed) {
    record Factor(byte[] secret, long lastStep) {}
    Optional<Factor> factor =
        jdbc.sql(
                "select secret, last_step from user_totp where tenant_id = ? and user_id = ?"
                    + (confirmed ? " and confirmed_at is not null" : " and confirmed_at is null")
                    + " for update")
            .params(tenant.value(), userId)
            .query((row, n) -> new Factor(row.getBytes("secret"), row.getLong("last_step")))
            .optional();
    if (factor.isEmpty()) {
      return false;
    }
    byte[] secret =
        encryption.decrypt(tenant, factor.get().secret(), associatedData(tenant, userId));
    OptionalLong step = Totp.verify(secret, code, clock.instant(), factor.get().lastStep());
    Arrays.fill(secret, (byte) 0);
    if (step.isEmpty()) {
      return false;
    }
    // The row is locked, and the condition makes the replay check hold across nodes as well.
    return jdbc.sql(
                "update user_totp set last_step = ? where tenant_id = ? and user_id = ?"
                    + " and last_step < ?")
            .params(step.getAsLong(), tenant.value(), userId, step.getAsLong())
            .update()
        == 1;
  }

  private String recoveryCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      if (i == 5) {
        code.append('-');
      }
      code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
    }
    return code.toString();
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] associatedData(TenantId tenant, UUID userId) {
    return ("user_totp:" + tenant.value() + ":" + userId).getBytes(StandardCharsets.UTF_8);
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
