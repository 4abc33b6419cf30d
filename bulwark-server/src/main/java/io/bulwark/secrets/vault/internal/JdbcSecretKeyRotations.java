package io.bulwark.secrets.vault.internal;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCaller;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.DecryptionFailedException;
import io.bulwark.secrets.EncryptionKeys;
import io.bulwark.secrets.TenantEncryption;
import io.bulwark.secrets.vault.SecretKeyRotations;
import io.bulwark.secrets.vault.SecretPath;
import io.bulwark.secrets.vault.SecretRewrap;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Key rotation for the vault. A rewrap walks the tenant's versions in key order ({@code path,
 * version}) from the position stored in {@code secret_rewraps}, one batch per transaction with the
 * rewrap's row locked {@code FOR UPDATE SKIP LOCKED}: a node that finds it locked leaves the batch
 * to the node holding it, and a restart resumes from the stored position. Versions already under
 * the target key are counted and left alone.
 */
@Service
class JdbcSecretKeyRotations implements SecretKeyRotations, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JdbcSecretKeyRotations.class);
  private static final String COLUMNS =
      "id, target_key_id, state, total, scanned, rewrapped, failed, started_at, updated_at,"
          + " completed_at";

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final EncryptionKeys keys;
  private final AuditLedger ledger;
  private final Tenants tenants;
  private final TransactionTemplate transactions;
  private final int batchSize;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("secret-rewrap").factory());

  JdbcSecretKeyRotations(
      JdbcClient jdbc,
      TenantEncryption encryption,
      EncryptionKeys keys,
      AuditLedger ledger,
      Tenants tenants,
      TransactionTemplate transactions,
      @Value("${bulwark.secrets.rewrap-batch-size:500}") int batchSize) {
    this.batchSize = batchSize;
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.keys = keys;
    this.ledger = ledger;
    this.tenants = tenants;
    this.transactions = transactions;
  }

  @Override
  public SecretRewrap rotateDataKey(TenantId tenant, AuditCaller caller) {
    SecretRewrap started = startRewrap(tenant, caller);
    try {
      executor.execute(() -> drain(tenant));
    } catch (RejectedExecutionException shuttingDown) {
      // the queue keeps it: a node resumes it on its next scheduled run
    }
    return started;
  }

  /** Runs the tenant's rewrap to its end, or until a batch fails (retried on the next run). */
  void drain(TenantId tenant) {
    try {
      while (rewrapBatch(tenant, batchSize)) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      log.atWarn()
          .setMessage("A secret rewrap batch failed; it is retried on the next run")
          .addKeyValue("tenant", tenant.toString())
          .addKeyValue("error", e.getClass().getSimpleName())
          .log();
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private SecretRewrap startRewrap(TenantId tenant, AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          EncryptionKeys.DataKeyRotation rotation = keys.rotateDataKey(tenant);
          int superseded =
              jdbc.sql(
                      "update secret_rewraps set state = 'superseded', updated_at = now()"
                          + " where tenant_id = ? and state = 'running'")
                  .param(tenant.value())
                  .update();
          long total =
              jdbc.sql(
                      "select count(*) from secret_versions where tenant_id = ?"
                          + " and ciphertext is not null")
                  .param(tenant.value())
                  .query(Long.class)
                  .single();
          UUID id = UUID.randomUUID();
          jdbc.sql(
                  "insert into secret_rewraps (tenant_id, id, target_key_id, state, total)"
                      + " values (?, ?, ?, 'running', ?)")
              .params(tenant.value(), id, Integer.toUnsignedLong(rotation.primaryKeyId()), total)
              .update();
          jdbc.sql("insert into secret_rewrap_queue (tenant_id) values (?) on conflict do nothing")
              .param(tenant.value())
              .update();
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.put("key_id", Integer.toUnsignedLong(rotation.primaryKeyId()));
          details.put("key_count", rotation.keyCount());
          details.put("rewrap_id", id.toString());
          details.put("versions_to_rewrap", total);
          details.put("superseded_rewraps", superseded);
          audit(
              tenant,
              caller.actor(),
              caller,
              "secret.data_key_rotated",
              new AuditResource("data_keyset", tenant.toString()),
              AuditOutcome.SUCCESS,
              details);
          return find(tenant, id).orElseThrow();
        });
  }

  @Override
  public Optional<SecretRewrap> latestRewrap(TenantId tenant) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from secret_rewraps where tenant_id = ?"
                        + " order by started_at desc, id limit 1")
                .param(tenant.value())
                .query((rs, n) -> rewrap(rs))
                .optional());
  }

  @Override
  public boolean rewrapBatch(TenantId tenant, int batchSize) {
    return inTenant(
        tenant,
        () -> {
          Job job =
              jdbc.sql(
                      "select id, target_key_id, cursor_path, cursor_version from secret_rewraps"
                          + " where tenant_id = ? and state = 'running'"
                          + " for update skip locked")
                  .param(tenant.value())
                  .query((rs, n) ->
                      new Job(
                          rs.getObject("id", UUID.class),
                          rs.getLong("target_key_id"),
                          rs.getString("cursor_path"),
                          rs.getInt("cursor_version")))
                  .optional()
                  .orElse(null);
          if (job == null) {
            boolean running =
                jdbc.sql(
                            "select count(*) from secret_rewraps where tenant_id = ?"
                                + " and state = 'running'")
                        .param(tenant.value())
                        .query(Long.class)
                        .single()
                    > 0;
            if (!running) {
              dequeue(tenant);
            }
            return false;
          }
          if (job.cursorPath() == null) {
            keys.primaryDataKeyId(tenant);
          }
          List<Stored> batch =
              jdbc.sql(
                      "select path, version, ciphertext from secret_versions where tenant_id = ?"
                          + " and (path, version) > (?, ?) and ciphertext is not null"
                          + " order by path, version limit ?")
                  .params(
                      tenant.value(),
                      job.cursorPath() == null ? "" : job.cursorPath(),
                      job.cursorPath() == null ? 0 : job.cursorVersion(),
                      batchSize)
                  .query((rs, n) ->
                      new Stored(
                          rs.getString("path"), rs.getInt("version"), rs.getBytes("ciphertext")))
                  .list();
          int rewrapped = 0;
          int failed = 0;
          for (Stored stored : batch) {
            if (Integer.toUnsignedLong(EncryptionKeys.dataKeyIdOf(stored.ciphertext()))
                == job.targetKeyId()) {
              continue;
            }
            SecretPath path = new SecretPath(stored.path());
            byte[] associatedData = JdbcSecrets.associatedData(tenant, path, stored.version());
            try {
              byte[] plaintext = encryption.decrypt(tenant, stored.ciphertext(), associatedData);
              byte[] ciphertext = encryption.encrypt(tenant, plaintext, associatedData);
              Arrays.fill(plaintext, (byte) 0);
              if (Integer.toUnsignedLong(EncryptionKeys.dataKeyIdOf(ciphertext))
                  != job.targetKeyId()) {
                // This node still holds the keyset from before the rotation; roll the batch back
                // and let a later run (after the keyset is re-read) do it.
                throw new IllegalStateException(
                    "The data keyset in memory predates rewrap " + job.id() + "; retrying later");
              }
              rewrapped +=
                  jdbc.sql(
                          "update secret_versions set ciphertext = ? where tenant_id = ?"
                              + " and path = ? and version = ? and ciphertext is not null")
                      .params(ciphertext, tenant.value(), stored.path(), stored.version())
                      .update();
            } catch (DecryptionFailedException e) {
              failed++;
              ObjectNode details = JsonNodeFactory.instance.objectNode();
              details.put("version", stored.version());
              details.put("reason", "ciphertext failed authentication during rewrap");
              audit(
                  tenant,
                  AuditActor.system("secret-rewrap"),
                  null,
                  "secret.decryption_failed",
                  new AuditResource("secret", stored.path()),
                  AuditOutcome.FAILURE,
                  details);
            }
          }
          boolean more = batch.size() == batchSize;
          Stored last = batch.isEmpty() ? null : batch.getLast();
          jdbc.sql(
                  "update secret_rewraps set scanned = scanned + ?, rewrapped = rewrapped + ?,"
                      + " failed = failed + ?, cursor_path = coalesce(?, cursor_path),"
                      + " cursor_version = coalesce(?, cursor_version), updated_at = now(),"
                      + " state = ?, completed_at = case when ? then now() end"
                      + " where tenant_id = ? and id = ?")
              .params(
                  batch.size(),
                  rewrapped,
                  failed,
                  last == null ? null : last.path(),
                  last == null ? null : last.version(),
                  more ? "running" : "completed",
                  !more,
                  tenant.value(),
                  job.id())
              .update();
          if (!more) {
            SecretRewrap done = find(tenant, job.id()).orElseThrow();
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("rewrap_id", done.id().toString());
            details.put("key_id", done.targetKeyId());
            details.put("scanned", done.scanned());
            details.put("rewrapped", done.rewrapped());
            details.put("failed", done.failed());
            audit(
                tenant,
                AuditActor.system("secret-rewrap"),
                null,
                "secret.rewrap_completed",
                new AuditResource("data_keyset", tenant.toString()),
                done.failed() == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                details);
            dequeue(tenant);
            log.atInfo()
                .setMessage("Secret rewrap completed")
                .addKeyValue("tenant", tenant.toString())
                .addKeyValue("rewrapped", done.rewrapped())
                .addKeyValue("failed", done.failed())
                .log();
          }
          return more;
        });
  }

  @Override
  public KeyEncryptionKeyRotation rotateKeyEncryptionKey(AuditCaller caller) {
    boolean rotatable = keys.keyEncryptionKeyRotatable();
    String kekId = keys.rotateKeyEncryptionKey();
    int rewrapped = 0;
    @Nullable TenantSlug after = null;
    do {
      TenantPage page = tenants.list(after, 200);
      for (Tenant tenant : page.tenants()) {
        if (keys.rewrapDataKeyset(tenant.id())) {
          rewrapped++;
        }
      }
      after = page.nextAfter().orElse(null);
    } while (after != null);
    TenantId system = tenants.system().id();
    int count = rewrapped;
    inTenant(
        system,
        () -> {
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.put("rotated", rotatable);
          details.put("rewrapped_keysets", count);
          audit(
              system,
              caller.actor(),
              caller,
              "secret.kek_rotated",
              new AuditResource("key_encryption_key", kekId),
              AuditOutcome.SUCCESS,
              details);
          return null;
        });
    return new KeyEncryptionKeyRotation(kekId, rotatable, rewrapped);
  }

  /** The tenants with a running rewrap. */
  List<TenantId> queued() {
    return jdbc.sql("select tenant_id from secret_rewrap_queue order by queued_at")
        .query((rs, n) -> new TenantId(rs.getObject("tenant_id", UUID.class)))
        .list();
  }

  private void dequeue(TenantId tenant) {
    jdbc.sql("delete from secret_rewrap_queue where tenant_id = ?").param(tenant.value()).update();
  }

  private Optional<SecretRewrap> find(TenantId tenant, UUID id) {
    return jdbc.sql("select " + COLUMNS + " from secret_rewraps where tenant_id = ? and id = ?")
        .params(tenant.value(), id)
        .query((rs, n) -> rewrap(rs))
        .optional();
  }

  private static SecretRewrap rewrap(ResultSet rs) throws SQLException {
    Timestamp completed = rs.getTimestamp("completed_at");
    return new SecretRewrap(
        rs.getObject("id", UUID.class),
        rs.getLong("target_key_id"),
        SecretRewrap.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
        rs.getLong("total"),
        rs.getLong("scanned"),
        rs.getLong("rewrapped"),
        rs.getLong("failed"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        completed == null ? null : completed.toInstant());
  }

  private void audit(
      TenantId tenant,
      AuditActor actor,
      @Nullable AuditCaller caller,
      String action,
      AuditResource resource,
      AuditOutcome outcome,
      ObjectNode details) {
    ledger.append(
        tenant,
        List.of(
            new AuditEvent(
                null,
                Instant.now(),
                outcome == AuditOutcome.FAILURE && action.equals("secret.decryption_failed")
                    ? AuditCategory.SECURITY
                    : AuditCategory.CONFIGURATION,
                action,
                outcome,
                actor,
                resource,
                caller == null ? null : caller.purpose(),
                null,
                false,
                null,
                caller == null ? null : caller.correlationId(),
                null,
                details)));
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  private record Job(UUID id, long targetKeyId, @Nullable String cursorPath, int cursorVersion) {}

  /** A version's ciphertext; never logged. */
  private record Stored(String path, int version, byte[] ciphertext) {
    @Override
    public String toString() {
      return "Stored[path=" + path + ", version=" + version + "]";
    }
  }
}
