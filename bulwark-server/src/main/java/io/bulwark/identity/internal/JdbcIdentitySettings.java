package io.bulwark.identity.internal;

import io.bulwark.identity.IdentitySettingChanged;
import io.bulwark.identity.IdentitySettings;
import io.bulwark.identity.LockoutPolicy;
import io.bulwark.identity.TokenLifetimes;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token lifetimes and the lockout policy in {@code tenant_identity_settings}, one row per tenant.
 * Read on every token issued and every failed sign-in, not cached: a change made on any node
 * applies at once everywhere.
 */
@Service
class JdbcIdentitySettings implements IdentitySettings {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  JdbcIdentitySettings(
      JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public TokenLifetimes tokenLifetimes(TenantId tenant) {
    return inTenant(tenant, () -> currentTokenLifetimes(tenant, false));
  }

  @Override
  public TokenLifetimes setTokenLifetimes(TenantId tenant, TokenLifetimes lifetimes) {
    return inTenant(
        tenant,
        () -> {
          TokenLifetimes before = currentTokenLifetimes(tenant, true);
          jdbc.sql(
                  "insert into tenant_identity_settings (tenant_id, access_token_ttl_seconds,"
                      + " refresh_token_ttl_seconds, authorization_code_ttl_seconds,"
                      + " id_token_ttl_seconds)"
                      + " values (?, ?, ?, ?, ?) on conflict (tenant_id) do update set"
                      + " access_token_ttl_seconds = excluded.access_token_ttl_seconds,"
                      + " refresh_token_ttl_seconds = excluded.refresh_token_ttl_seconds,"
                      + " authorization_code_ttl_seconds = excluded.authorization_code_ttl_seconds,"
                      + " id_token_ttl_seconds = excluded.id_token_ttl_seconds, updated_at = now()")
              .params(
                  tenant.value(),
                  lifetimes.accessToken().toSeconds(),
                  lifetimes.refreshToken().toSeconds(),
                  lifetimes.authorizationCode().toSeconds(),
                  lifetimes.idToken().toSeconds())
              .update();
          events.publishEvent(
              new IdentitySettingChanged(
                  tenant,
                  IdentitySettingChanged.Setting.TOKENS,
                  before.asFields(),
                  lifetimes.asFields()));
          return lifetimes;
        });
  }

  @Override
  public LockoutPolicy lockoutPolicy(TenantId tenant) {
    return inTenant(tenant, () -> currentLockoutPolicy(tenant, false));
  }

  @Override
  public LockoutPolicy setLockoutPolicy(TenantId tenant, LockoutPolicy policy) {
    return inTenant(
        tenant,
        () -> {
          LockoutPolicy before = currentLockoutPolicy(tenant, true);
          jdbc.sql(
                  "insert into tenant_identity_settings (tenant_id, lockout_account_failures,"
                      + " lockout_address_failures, lockout_base_seconds, lockout_max_seconds,"
                      + " lockout_reset_seconds) values (?, ?, ?, ?, ?, ?)"
                      + " on conflict (tenant_id) do update set"
                      + " lockout_account_failures = excluded.lockout_account_failures,"
                      + " lockout_address_failures = excluded.lockout_address_failures,"
                      + " lockout_base_seconds = excluded.lockout_base_seconds,"
                      + " lockout_max_seconds = excluded.lockout_max_seconds,"
                      + " lockout_reset_seconds = excluded.lockout_reset_seconds, updated_at = now()")
              .params(
                  tenant.value(),
                  policy.maxFailuresPerAccount(),
                  policy.maxFailuresPerAddress(),
                  policy.baseLockout().toSeconds(),
                  policy.maxLockout().toSeconds(),
                  policy.failureReset().toSeconds())
              .update();
          events.publishEvent(
              new IdentitySettingChanged(
                  tenant,
                  IdentitySettingChanged.Setting.LOCKOUT,
                  before.asFields(),
                  policy.asFields()));
          return policy;
        });
  }

  /** The lifetimes, read in the caller's tenant binding (the token endpoint's), no transaction. */
  TokenLifetimes tokenLifetimesOfBoundTenant(TenantId tenant) {
    return currentTokenLifetimes(tenant, false);
  }

  /** The policy, read in the caller's tenant transaction (the sign-in's). */
  LockoutPolicy lockoutPolicyInTransaction(TenantId tenant) {
    return currentLockoutPolicy(tenant, false);
  }

  // A writer locks the row it reads, so two concurrent changes audit a consistent before/after.
  private TokenLifetimes currentTokenLifetimes(TenantId tenant, boolean forUpdate) {
    return jdbc.sql(
            "select access_token_ttl_seconds, refresh_token_ttl_seconds,"
                + " authorization_code_ttl_seconds, id_token_ttl_seconds from tenant_identity_settings"
                + " where tenant_id = ? and access_token_ttl_seconds is not null"
                + (forUpdate ? " for update" : ""))
        .param(tenant.value())
        .query((row, n) ->
            new TokenLifetimes(
                Duration.ofSeconds(row.getInt(1)),
                Duration.ofSeconds(row.getInt(2)),
                Duration.ofSeconds(row.getInt(3)),
                Duration.ofSeconds(row.getInt(4))))
        .optional()
        .orElse(TokenLifetimes.DEFAULT);
  }

  private LockoutPolicy currentLockoutPolicy(TenantId tenant, boolean forUpdate) {
    return jdbc.sql(
            "select lockout_account_failures, lockout_address_failures, lockout_base_seconds,"
                + " lockout_max_seconds, lockout_reset_seconds from tenant_identity_settings"
                + " where tenant_id = ? and lockout_account_failures is not null"
                + (forUpdate ? " for update" : ""))
        .param(tenant.value())
        .query((row, n) ->
            new LockoutPolicy(
                row.getInt(1),
                row.getInt(2),
                Duration.ofSeconds(row.getInt(3)),
                Duration.ofSeconds(row.getInt(4)),
                Duration.ofSeconds(row.getInt(5))))
        .optional()
        .orElse(LockoutPolicy.DEFAULT);
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
