package io.bulwark.identity.internal;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The access tokens revoked before their expiry, kept in {@code revoked_access_tokens} and, for the
 * API's token check, in memory on every node. The in-memory view is refreshed every {@link
 * #REFRESH} with one query across tenants (the {@code revoked_access_tokens_since} function); a
 * revocation made on this node enters it as soon as its transaction commits. If the scheduled
 * refresh falls behind by more than {@link #MAX_STALENESS} (a long job on the scheduler's thread, a
 * database hiccup), the next check refreshes it itself first, and fails if it cannot: a revocation
 * made on another node is honoured here within {@code MAX_STALENESS} at most, never later.
 */
@Component
class RevocationList {

  static final Duration REFRESH = Duration.ofSeconds(2);
  static final Duration MAX_STALENESS = Duration.ofSeconds(10);

  /**
   * A row's {@code revoked_at} is taken when its insert runs; its transaction may commit a little
   * later. Each refresh asks again for this much of the past, so such a row is not missed.
   */
  static final Duration OVERLAP = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(RevocationList.class);

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();
  private final ConcurrentHashMap<Revoked, Instant> revoked = new ConcurrentHashMap<>();
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Instant refreshedAt = Instant.EPOCH;
  private Instant since = Instant.EPOCH;

  RevocationList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param tenant the token's tenant
   * @param jti the token's id
   * @return whether this node knows the token as revoked (see the class comment for how late)
   * @throws IllegalStateException when the view is too old and cannot be refreshed
   */
  boolean isRevoked(TenantId tenant, String jti) {
    if (refreshedAt.plus(MAX_STALENESS).isBefore(clock.instant())) {
      refreshing.lock();
      try {
        if (refreshedAt.plus(MAX_STALENESS).isBefore(clock.instant())) {
          refreshLocked();
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException("The revoked-token list could not be refreshed", e);
      } finally {
        refreshing.unlock();
      }
    }
    return revoked.containsKey(new Revoked(tenant, jti));
  }

  /**
   * Reads the table itself, for answers that must be exact whatever node made the revocation.
   *
   * @param tenant the token's tenant
   * @param jti the token's id
   * @return whether the token is recorded as revoked
   */
  boolean isRecorded(TenantId tenant, String jti) {
    return TenantContext.callAs(
        tenant,
        () ->
            jdbc.sql(
                    "select exists (select 1 from revoked_access_tokens where tenant_id = ? and jti = ?)")
                .params(tenant.value(), jti)
                .query(Boolean.class)
                .single());
  }

  /**
   * Records a revocation, in the caller's transaction, bound to the tenant. Once that transaction
   * has committed, {@link #remember} it.
   *
   * @return true if the token was not recorded yet
   */
  boolean record(TenantId tenant, String jti, Instant expiresAt) {
    return jdbc.sql(
                "insert into revoked_access_tokens (tenant_id, jti, expires_at) values (?, ?, ?)"
                    + " on conflict do nothing")
            .params(tenant.value(), jti, Timestamp.from(expiresAt))
            .update()
        == 1;
  }

  /** Puts a committed revocation into this node's view at once. */
  void remember(TenantId tenant, String jti, Instant expiresAt) {
    revoked.put(new Revoked(tenant, jti), expiresAt);
  }

  /**
   * Deletes the tenant's rows of tokens expired for more than a minute (the API's clock skew is
   * less).
   *
   * @return how many
   */
  int purgeExpired(TenantId tenant) {
    return TenantContext.callAs(
        tenant,
        () ->
            jdbc.sql(
                    "delete from revoked_access_tokens where tenant_id = ?"
                        + " and expires_at < now() - interval '1 minute'")
                .param(tenant.value())
                .update());
  }

  @Scheduled(fixedDelayString = "PT2S")
  void refresh() {
    refreshing.lock();
    try {
      refreshLocked();
    } catch (RuntimeException e) {
      LOG.atWarn()
          .setMessage("Could not refresh the revoked-token list")
          .addKeyValue("error", e.getClass().getSimpleName())
          .log();
    } finally {
      refreshing.unlock();
    }
  }

  private void refreshLocked() {
    Instant started = clock.instant();
    Instant databaseNow = jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
    jdbc.sql("select tenant_id, jti, expires_at from revoked_access_tokens_since(?)")
        .param(Timestamp.from(since))
        .query((row, n) -> {
          revoked.put(
              new Revoked(
                  new TenantId(row.getObject("tenant_id", UUID.class)), row.getString("jti")),
              row.getTimestamp("expires_at").toInstant());
          return null;
        })
        .list();
    Instant forgetBefore = started.minus(TenantJwtDecoder.CLOCK_SKEW);
    revoked.values().removeIf(expiresAt -> expiresAt.isBefore(forgetBefore));
    since = databaseNow.minus(OVERLAP);
    refreshedAt = started;
  }

  private record Revoked(TenantId tenant, String jti) {}
}
