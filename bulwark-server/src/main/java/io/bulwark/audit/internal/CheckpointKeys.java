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
 * on first use. A key name has one or more generations: the newest signs, and rotation adds one;
 * every generation stays published. The private key is stored encrypted with the tenant's data key,
 * bound to tenant, key name and generation. Callers hold the tenant's log lock inside a transaction
 * bound to the tenant.
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

  /**
   * @return the newest generation's signer, made (generation 1) when the name has none yet
   */
  SignedNoteSignerKey signer(TenantId tenant, String name) {
    // The newest generation is looked up every time: another node may have rotated the key.
    Optional<Integer> generation =
        jdbc.sql(
                "select max(generation) from audit_log_keys where tenant_id = ? and name = ?"
                    + " having max(generation) is not null")
            .params(tenant.value(), name)
            .query(Integer.class)
            .optional();
    if (generation.isPresent()) {
      return stored(tenant, name, generation.get());
    }
    return create(tenant, name, 1);
  }

  /**
   * Adds a generation, which signs from now on.
   *
   * @return the new signer
   */
  SignedNoteSignerKey rotate(TenantId tenant, String name) {
    signer(tenant, name);
    int newest =
        jdbc.sql("select max(generation) from audit_log_keys where tenant_id = ? and name = ?")
            .params(tenant.value(), name)
            .query(Integer.class)
            .single();
    return create(tenant, name, newest + 1);
  }

  List<String> verifierKeys(TenantId tenant) {
    return jdbc.sql(
            "select verifier_key from audit_log_keys where tenant_id = ?"
                + " order by created_at, name, generation")
        .param(tenant.value())
        .query(String.class)
        .list();
  }

  private SignedNoteSignerKey stored(TenantId tenant, String name, int generation) {
    TenantKey cacheKey = new TenantKey(tenant, name, generation);
    SignedNoteSignerKey cached = cache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    byte[] stored =
        jdbc.sql(
                "select private_key from audit_log_keys where tenant_id = ? and name = ?"
                    + " and generation = ?")
            .params(tenant.value(), name, generation)
            .query(byte[].class)
            .single();
    SignedNoteSignerKey key =
        SignedNoteSignerKey.parse(
            new String(
                encryption.decrypt(tenant, stored, associatedData(tenant, name, generation)),
                StandardCharsets.UTF_8));
    cache.put(cacheKey, key);
    return key;
  }

  private SignedNoteSignerKey create(TenantId tenant, String name, int generation) {
    // Not cached until a later call reads it back: the insert may yet roll back.
    SignedNoteSignerKey key = SignedNoteSignerKey.generate(name);
    byte[] encrypted =
        encryption.encrypt(
            tenant,
            key.exportPrivateKeyString().getBytes(StandardCharsets.UTF_8),
            associatedData(tenant, name, generation));
    jdbc.sql(
            "insert into audit_log_keys (tenant_id, name, generation, verifier_key, private_key,"
                + " created_at) values (?, ?, ?, ?, ?, clock_timestamp())")
        .params(tenant.value(), name, generation, key.verifierKey().encoded(), encrypted)
        .update();
    return key;
  }

  private static byte[] associatedData(TenantId tenant, String name, int generation) {
    // Generation 1 keeps the binding keys had before rotation existed.
    String suffix = generation == 1 ? "" : ":" + generation;
    return ("audit_log_keys:" + tenant + ":" + name + suffix).getBytes(StandardCharsets.UTF_8);
  }

  private record TenantKey(TenantId tenant, String name, int generation) {}
}
