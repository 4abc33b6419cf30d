package io.bulwark.audit.internal;

import io.bulwark.audit.AuditHashes;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each tenant's audit HMAC key: 32 random bytes made on first use, stored in {@code
 * audit_hmac_keys} encrypted with the tenant's data key (associated data binds tenant and purpose),
 * and held in memory once a committed transaction has read it. When two transactions make a
 * tenant's first key at once, the first insert wins and both use it.
 */
@Component
class AuditHmacKeys implements AuditHashes {

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final TransactionTemplate ownTransaction;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<TenantId, AuditHmacKey> cache = new ConcurrentHashMap<>();

  AuditHmacKeys(
      JdbcClient jdbc, TenantEncryption encryption, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public List<String> hash(TenantId tenant, List<String> values) {
    AuditHmacKey key = cache.get(tenant);
    if (key == null) {
      key =
          Objects.requireNonNull(
              TenantContext.callAs(tenant, () -> ownTransaction.execute(status -> key(tenant))));
    }
    AuditHmacKey hmac = key;
    return values.stream().map(hmac::hash).toList();
  }

  /**
   * The tenant's key, made now if it has none. Callers hold a transaction bound to the tenant; a
   * key made in it is kept in memory only after it commits, since it may yet roll back.
   *
   * @param tenant a tenant
   * @return its key
   */
  AuditHmacKey key(TenantId tenant) {
    AuditHmacKey cached = cache.get(tenant);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> stored = load(tenant);
    if (stored.isEmpty()) {
      byte[] material = new byte[AuditHmacKey.KEY_BYTES];
      random.nextBytes(material);
      try {
        jdbc.sql(
                "insert into audit_hmac_keys (tenant_id, encrypted_key) values (?, ?)"
                    + " on conflict (tenant_id) do nothing")
            .params(tenant.value(), encryption.encrypt(tenant, material, associatedData(tenant)))
            .update();
      } finally {
        Arrays.fill(material, (byte) 0);
      }
      stored = load(tenant);
    }
    byte[] material =
        encryption.decrypt(
            tenant,
            stored.orElseThrow(
                () -> new IllegalStateException("No audit HMAC key for tenant " + tenant)),
            associatedData(tenant));
    AuditHmacKey key;
    try {
      key = AuditHmacKey.of(material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              cache.putIfAbsent(tenant, key);
            }
          });
    } else {
      cache.putIfAbsent(tenant, key);
    }
    return key;
  }

  private Optional<byte[]> load(TenantId tenant) {
    return jdbc.sql("select encrypted_key from audit_hmac_keys where tenant_id = ?")
        .param(tenant.value())
        .query((row, n) -> row.getBytes(1))
        .optional();
  }

  private static byte[] associatedData(TenantId tenant) {
    return ("audit_hmac_keys:" + tenant + ":audit-sensitive-fields")
        .getBytes(StandardCharsets.UTF_8);
  }
}
