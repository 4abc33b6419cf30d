package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.bulwark.secrets.KeyEncryptionKey;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** A key-encryption key on a Tink keyset held in memory: named by source and primary key id. */
final class TinkKeysetKeys {

  private TinkKeysetKeys() {}

  static KeyEncryptionKey of(String source, KeysetHandle handle) throws GeneralSecurityException {
    Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    return of(source + ":" + HexFormat.of().toHexDigits(handle.getPrimary().getId()), aead);
  }

  static KeyEncryptionKey of(String id, Aead aead) {
    return new KeyEncryptionKey() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Aead aead() {
        return aead;
      }

      @Override
      public String toString() {
        return "KeyEncryptionKey[" + id + "]";
      }
    };
  }
}
