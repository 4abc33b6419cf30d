package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.DecryptionFailedException;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Envelope encryption with Tink: each tenant has an AES-256-GCM data keyset, created on first use
 * and stored encrypted under the key-encryption key with the tenant id as associated data, so a
 * keyset row copied to another tenant does not open.
 */
@Service
class TinkTenantEncryption implements TenantEncryption {

  private final JdbcClient jdbc;
  private final KeyEncryptionKey kek;
  private final ConcurrentHashMap<TenantId, Aead> dataKeys = new ConcurrentHashMap<>();

  TinkTenantEncryption(JdbcClient jdbc, KeyEncryptionKey kek) {
    this.jdbc = jdbc;
    this.kek = kek;
  }

  @Override
  public byte[] encrypt(TenantId tenant, byte[] plaintext, byte[] associatedData) {
    try {
      return dataKey(tenant).encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed for tenant " + tenant, e);
    }
  }

  @Override
  public byte[] decrypt(TenantId tenant, byte[] ciphertext, byte[] associatedData) {
    try {
      return dataKey(tenant).decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new DecryptionFailedException(tenant, e);
    }
  }

  private Aead dataKey(TenantId tenant) {
    return dataKeys.computeIfAbsent(tenant, id -> TenantContext.callAs(id, () -> loadOrCreate(id)));
  }

  private Aead loadOrCreate(TenantId tenant) {
    byte[] associatedData = tenant.toString().getBytes(StandardCharsets.UTF_8);
    try {
      byte[] stored = read(tenant);
      if (stored == null) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] wrapped =
            TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, kek.aead(), associatedData);
        jdbc.sql(
                "insert into tenant_keysets (tenant_id, encrypted_keyset, kek_id) values (?, ?, ?)"
                    + " on conflict (tenant_id) do nothing")
            .params(tenant.value(), wrapped, kek.id())
            .update();
        stored = read(tenant);
      }
      KeysetHandle handle =
          TinkProtoKeysetFormat.parseEncryptedKeyset(stored, kek.aead(), associatedData);
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The data keyset of tenant " + tenant + " does not open with key " + kek.id(), e);
    }
  }

  private byte @Nullable [] read(TenantId tenant) {
    return jdbc.sql("select encrypted_keyset from tenant_keysets where tenant_id = ?")
        .param(tenant.value())
        .query(byte[].class)
        .optional()
        .orElse(null);
  }
}
