package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.DecryptionFailedException;
import io.bulwark.secrets.EncryptionKeys;
import io.bulwark.secrets.KeyEncryptionKey;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Envelope encryption with Tink: each tenant has an AES-256-GCM data keyset, created on first use
 * and stored encrypted under the key-encryption key with the tenant id as associated data, so a
 * keyset row copied to another tenant does not open.
 *
 * <p>The opened keyset is cached per tenant and re-read after {@link #REFRESH}, so a rotation made
 * on another node reaches this one; a decryption that fails re-reads the keyset once before it is
 * reported, as the ciphertext may come from a key this node has not seen yet.
 */
@Service
class TinkTenantEncryption implements TenantEncryption, EncryptionKeys {

  static final Duration REFRESH = Duration.ofSeconds(30);
  private static final long RETRY_AFTER_NANOS = Duration.ofMillis(200).toNanos();

  private final JdbcClient jdbc;
  private final KeyEncryptionKeyProvider kek;
  private final TransactionTemplate transactions;
  private final ConcurrentHashMap<TenantId, DataKeyset> dataKeys = new ConcurrentHashMap<>();

  TinkTenantEncryption(
      JdbcClient jdbc, KeyEncryptionKeyProvider kek, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.kek = kek;
    this.transactions = transactions;
  }

  @Override
  public byte[] encrypt(TenantId tenant, byte[] plaintext, byte[] associatedData) {
    try {
      return dataKey(tenant).aead().encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed for tenant " + tenant, e);
    }
  }

  @Override
  public byte[] decrypt(TenantId tenant, byte[] ciphertext, byte[] associatedData) {
    DataKeyset keyset = dataKey(tenant);
    try {
      return keyset.aead().decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException first) {
      if (System.nanoTime() - keyset.loadedAt() < RETRY_AFTER_NANOS) {
        throw new DecryptionFailedException(tenant, first);
      }
      dataKeys.remove(tenant, keyset);
      try {
        return dataKey(tenant).aead().decrypt(ciphertext, associatedData);
      } catch (GeneralSecurityException e) {
        throw new DecryptionFailedException(tenant, e);
      }
    }
  }

  @Override
  public DataKeyRotation rotateDataKey(TenantId tenant) {
    DataKeyRotation rotation =
        inTenant(
            tenant,
            () -> {
              byte[] stored = lockOrCreate(tenant);
              KeysetHandle current = open(tenant, stored);
              try {
                KeysetHandle rotated =
                    KeysetHandle.newBuilder(current)
                        .addEntry(
                            KeysetHandle.generateEntryFromParameters(
                                    PredefinedAeadParameters.AES256_GCM)
                                .withRandomId()
                                .makePrimary())
                        .build();
                store(tenant, rotated);
                return new DataKeyRotation(rotated.getPrimary().getId(), rotated.size());
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                    "Cannot rotate the data keyset of tenant " + tenant, e);
              }
            });
    evictNowAndAfterCommit(tenant);
    return rotation;
  }

  @Override
  public int primaryDataKeyId(TenantId tenant) {
    dataKeys.remove(tenant);
    return dataKey(tenant).primaryKeyId();
  }

  @Override
  public String keyEncryptionKeyId() {
    return kek.current().id();
  }

  @Override
  public boolean keyEncryptionKeyRotatable() {
    return kek.rotatable();
  }

  @Override
  public String rotateKeyEncryptionKey() {
    return kek.rotatable() ? kek.rotate().id() : kek.current().id();
  }

  @Override
  public boolean rewrapDataKeyset(TenantId tenant) {
    KeyEncryptionKey current = kek.current();
    return inTenant(
        tenant,
        () -> {
          String kekId =
              jdbc.sql("select kek_id from tenant_keysets where tenant_id = ? for update")
                  .param(tenant.value())
                  .query(String.class)
                  .optional()
                  .orElse(null);
          if (kekId == null || kekId.equals(current.id())) {
            return false;
          }
          store(tenant, open(tenant, read(tenant)));
          evictNowAndAfterCommit(tenant);
          return true;
        });
  }

  private void evictNowAndAfterCommit(TenantId tenant) {
    dataKeys.remove(tenant);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              dataKeys.remove(tenant);
            }
          });
    }
  }

  private DataKeyset dataKey(TenantId tenant) {
    DataKeyset cached = dataKeys.get(tenant);
    if (cached != null && System.nanoTime() - cached.loadedAt() < REFRESH.toNanos()) {
      return cached;
    }
    DataKeyset loaded = TenantContext.callAs(tenant, () -> load(tenant));
    dataKeys.put(tenant, loaded);
    return loaded;
  }

  private DataKeyset load(TenantId tenant) {
    byte[] stored = read(tenant);
    if (stored == null) {
      try {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        KeyEncryptionKey current = kek.current();
        jdbc.sql(
                "insert into tenant_keysets (tenant_id, encrypted_keyset, kek_id) values (?, ?, ?)"
                    + " on conflict (tenant_id) do nothing")
            .params(tenant.value(), wrap(tenant, fresh, current), current.id())
            .update();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot create the data keyset of tenant " + tenant, e);
      }
      stored = read(tenant);
    }
    KeysetHandle handle = open(tenant, stored);
    try {
      return new DataKeyset(
          handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
          handle.getPrimary().getId(),
          System.nanoTime());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The data keyset of tenant " + tenant + " is unusable", e);
    }
  }

  private byte[] lockOrCreate(TenantId tenant) {
    byte[] stored =
        jdbc.sql("select encrypted_keyset from tenant_keysets where tenant_id = ? for update")
            .param(tenant.value())
            .query(byte[].class)
            .optional()
            .orElse(null);
    if (stored != null) {
      return stored;
    }
    load(tenant);
    return jdbc.sql("select encrypted_keyset from tenant_keysets where tenant_id = ? for update")
        .param(tenant.value())
        .query(byte[].class)
        .single();
  }

  private KeysetHandle open(TenantId tenant, byte @Nullable [] stored) {
    if (stored == null) {
      throw new IllegalStateException("Tenant " + tenant + " has no data keyset");
    }
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(
          stored, kek.current().aead(), associatedData(tenant));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The data keyset of tenant " + tenant + " does not open with key " + kek.current().id(),
          e);
    }
  }

  private void store(TenantId tenant, KeysetHandle handle) {
    KeyEncryptionKey current = kek.current();
    try {
      jdbc.sql(
              "update tenant_keysets set encrypted_keyset = ?, kek_id = ?, updated_at = now()"
                  + " where tenant_id = ?")
          .params(wrap(tenant, handle, current), current.id(), tenant.value())
          .update();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot wrap the data keyset of tenant " + tenant, e);
    }
  }

  private static byte[] wrap(TenantId tenant, KeysetHandle handle, KeyEncryptionKey key)
      throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeEncryptedKeyset(
        handle, key.aead(), associatedData(tenant));
  }

  private static byte[] associatedData(TenantId tenant) {
    return tenant.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte @Nullable [] read(TenantId tenant) {
    return jdbc.sql("select encrypted_keyset from tenant_keysets where tenant_id = ?")
        .param(tenant.value())
        .query(byte[].class)
        .optional()
        .orElse(null);
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  /** An opened data keyset; the AEAD holds key material, so it is never logged. */
  private record DataKeyset(Aead aead, int primaryKeyId, long loadedAt) {
    @Override
    public String toString() {
      return "DataKeyset[primary=" + primaryKeyId + "]";
    }
  }
}
