package io.bulwark.audit.internal;

import io.bulwark.ledger.note.SignedNoteSignerKey;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's Ed25519 checkpoint keys (C2SP signed-note), named after the log's origin and made
 * on first use. The private key is stored encrypted with the tenant's data key, bound to tenant and
 * key name. Callers hold the tenant's log lock inside a transaction bound to the tenant.
 */
@Component
class CheckpointKeys {

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final Map<TenantKey, SignedNoteSignerKey> cache = new ConcurrentHashMap<>();

  CheckpointKeys(JdbcClient jdbc, TenantEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  SignedNoteSignerKey signer(TenantId tenant, String name) {
    TenantKey cacheKey = new TenantKey(tenant, name);
    SignedNoteSignerKey cached = cache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> stored =
        jdbc.sql("select private_key from audit_log_keys where tenant_id = ? and name = ?")
            .params(tenant.value(), name)
            .query(byte[].class)
            .optional();
    if (stored.isPresent()) {
      SignedNoteSignerKey key =
          SignedNoteSignerKey.parse(
              new String(
                  encryption.decrypt(tenant, stored.get(), associatedData(tenant, name)),
                  StandardCharsets.UTF_8));
      cache.put(cacheKey, key);
      return key;
    }
    // Not cached until a later call reads it back: the insert may yet roll back.
    SignedNoteSignerKey key = SignedNoteSignerKey.generate(name);
    byte[] encrypted =
        encryption.encrypt(
            tenant,
            key.exportPrivateKeyString().getBytes(StandardCharsets.UTF_8),
            associatedData(tenant, name));
    jdbc.sql(
            "insert into audit_log_keys (tenant_id, name, verifier_key, private_key)"
                + " values (?, ?, ?, ?)")
        .params(tenant.value(), name, key.verifierKey().encoded(), encrypted)
        .update();
    return key;
  }

  List<String> verifierKeys(TenantId tenant) {
    return jdbc.sql(
            "select verifier_key from audit_log_keys where tenant_id = ? order by created_at, name")
        .param(tenant.value())
        .query(String.class)
        .list();
  }

  private static byte[] associatedData(TenantId tenant, String name) {
    return ("audit_log_keys:" + tenant + ":" + name).getBytes(StandardCharsets.UTF_8);
  }

  private record TenantKey(TenantId tenant, String name) {}
}
