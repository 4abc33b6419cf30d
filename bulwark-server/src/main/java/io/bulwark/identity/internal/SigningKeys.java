package io.bulwark.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.bulwark.identity.SigningAlgorithm;
import io.bulwark.identity.SigningKeyInfo;
import io.bulwark.identity.SigningKeyRotated;
import io.bulwark.identity.SigningKeyState;
import io.bulwark.identity.TenantSigningKeys;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each tenant's token-signing keys, kept in PostgreSQL with the private part encrypted under the
 * tenant's data key. A tenant's first keys (current and next) are made when its issuer first needs
 * them. Rotation runs under a per-tenant advisory lock, so nodes never rotate twice at once. Keys
 * are cached per tenant for {@link #CACHE_TTL}: after a rotation on another node this node keeps
 * signing with the old key, now "previous" and still published, for at most that long.
 */
@Component
class SigningKeys implements TenantSigningKeys {

  static final Duration CACHE_TTL = Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();
  private final ConcurrentHashMap<TenantId, TenantKeys> cache = new ConcurrentHashMap<>();

  SigningKeys(
      JdbcClient jdbc,
      TenantEncryption encryption,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.transactions = transactions;
    this.events = events;
  }

  /**
   * @param tenant a tenant
   * @return its published keys (with private parts), the signing one first
   */
  TenantKeys of(TenantId tenant) {
    TenantKeys cached = cache.get(tenant);
    if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
      return cached;
    }
    TenantKeys loaded = TenantContext.callAs(tenant, () -> loadOrCreate(tenant));
    cache.put(tenant, loaded);
    return loaded;
  }

  /**
   * @param tenant a tenant
   * @return every key the tenant has had, newest first, without private parts
   */
  @Override
  public List<SigningKeyInfo> list(TenantId tenant) {
    of(tenant);
    return TenantContext.callAs(
        tenant,
        () ->
            jdbc.sql(
                    "select kid, algorithm, state, created_at, activated_at, retired_at"
                        + " from signing_keys where tenant_id = ? order by created_at desc, kid")
                .param(tenant.value())
                .query((row, n) ->
                    new SigningKeyInfo(
                        row.getString("kid"),
                        SigningAlgorithm.valueOf(row.getString("algorithm")),
                        SigningKeyState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
                        row.getTimestamp("created_at").toInstant(),
                        instant(row.getTimestamp("activated_at")),
                        instant(row.getTimestamp("retired_at"))))
                .list());
  }

  /**
   * Rotates now: next becomes current (or, when another algorithm is asked for, a fresh key of that
   * algorithm does), current becomes previous, previous is retired, and a new next is made.
   *
   * @param tenant the tenant
   * @param algorithm the algorithm from now on, or null to keep the current one
   * @return the keys after rotation
   */
  public List<SigningKeyInfo> rotate(TenantId tenant, @Nullable SigningAlgorithm algorithm) {
    of(tenant);
    TenantContext.runAs(
        tenant,
        () ->
            transactions.executeWithoutResult(status -> {
              lock(tenant);
              rotateLocked(tenant, algorithm, false);
            }));
    cache.remove(tenant);
    return list(tenant);
  }

  /**
   * Rotates when the current key has signed for at least the period.
   *
   * @param tenant the tenant
   * @param period how long a key signs
   * @return whether it rotated
   */
  boolean rotateIfDue(TenantId tenant, Duration period) {
    Boolean rotated =
        TenantContext.callAs(
            tenant,
            () ->
                transactions.execute(status -> {
                  lock(tenant);
                  Optional<Instant> activated =
                      jdbc.sql(
                              "select coalesce(activated_at, created_at) from signing_keys"
                                  + " where tenant_id = ? and state = 'current'")
                          .param(tenant.value())
                          .query(Timestamp.class)
                          .optional()
                          .map(Timestamp::toInstant);
                  if (activated.isEmpty()
                      || activated.get().plus(period).isAfter(clock.instant())) {
                    return false;
                  }
                  rotateLocked(tenant, null, true);
                  return true;
                }));
    if (Boolean.TRUE.equals(rotated)) {
      cache.remove(tenant);
      return true;
    }
    return false;
  }

  private void rotateLocked(
      TenantId tenant, @Nullable SigningAlgorithm requested, boolean scheduled) {
    SigningAlgorithm currentAlgorithm =
        jdbc.sql("select algorithm from signing_keys where tenant_id = ? and state = 'current'")
            .param(tenant.value())
            .query(String.class)
            .optional()
            .map(SigningAlgorithm::valueOf)
            .orElse(SigningAlgorithm.RS256);
    SigningAlgorithm algorithm = requested == null ? currentAlgorithm : requested;
    setState(tenant, "previous", "retired", ", retired_at = now()");
    setState(tenant, "current", "previous", "");
    int promoted =
        jdbc.sql(
                "update signing_keys set state = 'current', activated_at = now()"
                    + " where tenant_id = ? and state = 'next' and algorithm = ?")
            .params(tenant.value(), algorithm.name())
            .update();
    setState(tenant, "next", "retired", ", retired_at = now()");
    if (promoted == 0) {
      insert(tenant, algorithm, "current");
    }
    insert(tenant, algorithm, "next");
    String currentKid =
        jdbc.sql("select kid from signing_keys where tenant_id = ? and state = 'current'")
            .param(tenant.value())
            .query(String.class)
            .single();
    events.publishEvent(new SigningKeyRotated(tenant, currentKid, algorithm, scheduled));
  }

  private void setState(TenantId tenant, String from, String to, String extra) {
    jdbc.sql(
            "update signing_keys set state = '"
                + to
                + "'"
                + extra
                + " where tenant_id = ? and state = '"
                + from
                + "'")
        .param(tenant.value())
        .update();
  }

  private void lock(TenantId tenant) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param("signing_keys:" + tenant)
        .query()
        .singleRow();
  }

  private TenantKeys loadOrCreate(TenantId tenant) {
    List<JWK> keys = load(tenant);
    if (keys.isEmpty()) {
      transactions.executeWithoutResult(status -> {
        lock(tenant);
        if (load(tenant).isEmpty()) {
          insert(tenant, SigningAlgorithm.RS256, "current");
          insert(tenant, SigningAlgorithm.RS256, "next");
        }
      });
      keys = load(tenant);
    }
    return TenantKeys.of(keys, clock.instant());
  }

  private void insert(TenantId tenant, SigningAlgorithm algorithm, String state) {
    String kid = UUID.randomUUID().toString();
    JWK key = generate(algorithm, kid);
    byte[] encrypted =
        encryption.encrypt(
            tenant,
            key.toJSONString().getBytes(StandardCharsets.UTF_8),
            associatedData(tenant, kid));
    jdbc.sql(
            "insert into signing_keys (tenant_id, kid, algorithm, state, public_jwk, private_jwk,"
                + " activated_at) values (?, ?, ?, ?, ?, ?, "
                + ("current".equals(state) ? "now()" : "null")
                + ")")
        .params(
            tenant.value(),
            kid,
            algorithm.name(),
            state,
            key.toPublicJWK().toJSONString(),
            encrypted)
        .update();
  }

  private static JWK generate(SigningAlgorithm algorithm, String kid) {
    try {
      return switch (algorithm) {
        case RS256 ->
            new RSAKeyGenerator(2048)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
        case ES256 ->
            new ECKeyGenerator(Curve.P_256)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate();
      };
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate a " + algorithm + " signing key", e);
    }
  }

  private List<JWK> load(TenantId tenant) {
    return jdbc.sql(
            "select kid, private_jwk from signing_keys where tenant_id = ?"
                + " and state in ('next', 'current', 'previous')"
                + " order by case state when 'current' then 0 when 'next' then 1 else 2 end")
        .param(tenant.value())
        .query((row, n) -> {
          String kid = row.getString("kid");
          byte[] json =
              encryption.decrypt(tenant, row.getBytes("private_jwk"), associatedData(tenant, kid));
          try {
            return JWK.parse(new String(json, StandardCharsets.UTF_8));
          } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + kid + " is unreadable", e);
          }
        })
        .list();
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static byte[] associatedData(TenantId tenant, String kid) {
    return ("signing_keys:" + tenant + ":" + kid).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A tenant's published keys: the first is the one that signs.
   *
   * @param keys published keys, current first
   * @param signer the signer of the current key
   * @param loadedAt when they were read
   */
  record TenantKeys(List<JWK> keys, JWSSigner signer, Instant loadedAt) {

    TenantKeys {
      keys = List.copyOf(keys);
    }

    static TenantKeys of(List<JWK> keys, Instant loadedAt) {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a tenant needs at least one signing key");
      }
      return new TenantKeys(keys, TokenSigners.of(keys.getFirst()), loadedAt);
    }

    JWK current() {
      return keys.getFirst();
    }

    @Override
    public String toString() {
      return "TenantKeys" + keys.stream().map(JWK::getKeyID).toList();
    }
  }
}
