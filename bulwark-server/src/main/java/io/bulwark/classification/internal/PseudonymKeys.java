package io.bulwark.classification.internal;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.redact.PseudonymKey;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's HMAC key for redaction pseudonyms: 32 random bytes made on first use and stored in
 * {@code pseudonym_keys} encrypted with the tenant's data key, so the same value gives the same
 * pseudonym within a tenant and an unrelated one in any other. When two nodes make a tenant's first
 * key at once, the first insert wins and both use it.
 */
@Component
final class PseudonymKeys {

  private static final int KEY_BYTES = 32;

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<TenantId, PseudonymKey> cache = new ConcurrentHashMap<>();

  PseudonymKeys(JdbcClient jdbc, TenantEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  /**
   * @param tenant a tenant
   * @return its pseudonym key, made now if it has none
   */
  PseudonymKey of(TenantId tenant) {
    PseudonymKey cached = cache.get(tenant);
    if (cached != null) {
      return cached;
    }
    PseudonymKey loaded = TenantContext.callAs(tenant, () -> loadOrCreate(tenant));
    PseudonymKey raced = cache.putIfAbsent(tenant, loaded);
    return raced == null ? loaded : raced;
  }

  private PseudonymKey loadOrCreate(TenantId tenant) {
    Optional<byte[]> stored = load(tenant);
    if (stored.isEmpty()) {
      byte[] material = new byte[KEY_BYTES];
      random.nextBytes(material);
      try {
        jdbc.sql(
                "insert into pseudonym_keys (tenant_id, encrypted_key) values (?, ?)"
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
                () -> new IllegalStateException("No pseudonym key for tenant " + tenant)),
            associatedData(tenant));
    try {
      return PseudonymKey.of(material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private Optional<byte[]> load(TenantId tenant) {
    return jdbc.sql("select encrypted_key from pseudonym_keys where tenant_id = ?")
        .param(tenant.value())
        .query((row, n) -> row.getBytes("encrypted_key"))
        .optional();
  }

  private static byte[] associatedData(TenantId tenant) {
    return ("pseudonym_keys:" + tenant + ":redaction-pseudonyms").getBytes(StandardCharsets.UTF_8);
  }
}
