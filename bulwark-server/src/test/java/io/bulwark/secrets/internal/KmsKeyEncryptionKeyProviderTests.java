package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The KMS provider against an in-memory stand-in for a KMS (no network here). The AWS and Google
 * Cloud clients are the same Tink {@link KmsClient} interface.
 */
class KmsKeyEncryptionKeyProviderTests extends KeyEncryptionKeyProviderContract {

  private final InMemoryKms kms = new InMemoryKms();
  private String keyUri;

  @Override
  KeyEncryptionKeyProvider newProvider() throws Exception {
    keyUri = "memory-kms://keys/" + UUID.randomUUID();
    return new KmsKeyEncryptionKeyProvider(kms, keyUri);
  }

  @Override
  KeyEncryptionKeyProvider sameKeyAgain() throws Exception {
    return new KmsKeyEncryptionKeyProvider(kms, keyUri);
  }

  @Test
  void keyUriOfAnotherSchemeThenRefused() {
    assertThatThrownBy(() -> new KmsKeyEncryptionKeyProvider(kms, "aws-kms://arn:aws:kms:x"))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A KMS whose keys live in this process, one AES-256-GCM key per URI. */
  static final class InMemoryKms implements KmsClient {

    private final Map<String, Aead> keys = new ConcurrentHashMap<>();

    @Override
    public boolean doesSupport(String keyUri) {
      return keyUri.startsWith("memory-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
      AeadConfig.register();
      Aead existing = keys.get(keyUri);
      if (existing != null) {
        return existing;
      }
      Aead created =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
      Aead raced = keys.putIfAbsent(keyUri, created);
      return raced == null ? created : raced;
    }
  }
}
