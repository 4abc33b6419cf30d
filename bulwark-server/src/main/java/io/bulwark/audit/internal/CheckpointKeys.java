package io.bulwark.audit.internal;

import io.bulwark.ledger.note.SignedNoteSignerKey;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's Ed25519 checkpoint keys (C2SP signed-note), named after the log's origin and made
 * on first use. A key name has one or more generations: the newest signs, and rotation adds one;
 * every generation stays published. For a transition window after a rotation ({@code
 * bulwark.audit.checkpoint-key-transition}, a day by default) checkpoints carry the previous
 * generation's signature too, so a verifier that trusts only the old key keeps verifying and can
 * take the new key from the signed {@code audit.checkpoint_key_rotated} entry. The private key is
 * stored encrypted with the tenant's data key, bound to tenant, key name and generation. Callers
 * hold the tenant's log lock inside a transaction bound to the tenant.
 */
@Component
class CheckpointKeys {

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final Duration transition;
  private final Map<TenantKey, SignedNoteSignerKey> cache = new ConcurrentHashMap<>();

  CheckpointKeys(
      JdbcClient jdbc,
      TenantEncryption encryption,
      @Value("${bulwark.audit.checkpoint-key-transition:P1D}") Duration transition) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.transition = transition;
  }

  /**
   * @return the keys a checkpoint is signed with now: the newest generation, and the one before it
   *     while the newest is younger than the transition window
   */
  List<SignedNoteSignerKey> signers(TenantId tenant, String name) {
    // Looked up every time: another node may have rotated the key.
    record Generation(int number, boolean inTransition) {}
    List<Generation> newest =
        jdbc.sql(
                "select generation, created_at > clock_timestamp() - ? * interval '1 second'"
                    + " from audit_log_keys where tenant_id = ? and name = ?"
                    + " order by generation desc limit 2")
            .params(transition.toSeconds(), tenant.value(), name)
            .query((row, n) -> new Generation(row.getInt(1), row.getBoolean(2)))
            .list();
    if (newest.isEmpty()) {
      return List.of(create(tenant, name, 1));
    }
    SignedNoteSignerKey current = stored(tenant, name, newest.getFirst().number());
    if (newest.size() == 1 || !newest.getFirst().inTransition()) {
      return List.of(current);
    }
    return List.of(current, stored(tenant, name, newest.get(1).number()));
  }

  /**
   * @return the newest generation's signer, made (generation 1) when the name has none yet
   */
  SignedNoteSignerKey signer(TenantId tenant, String name) {
    return signers(tenant, name).getFirst();
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
