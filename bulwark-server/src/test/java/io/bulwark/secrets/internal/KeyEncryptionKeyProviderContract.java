package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.secrets.KeyEncryptionKey;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every key-encryption-key provider must do. A provider's test extends this class and says how
 * to make the provider and a second instance over the same key.
 */
abstract class KeyEncryptionKeyProviderContract {

  private static final byte[] KEYSET = "a data keyset's bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TENANT = "tenant-a".getBytes(StandardCharsets.UTF_8);

  KeyEncryptionKeyProvider provider;

  /** A new provider over a new key. */
  abstract KeyEncryptionKeyProvider newProvider() throws Exception;

  /** Another instance of the provider over the same key, as another node would open it. */
  abstract KeyEncryptionKeyProvider sameKeyAgain() throws Exception;

  @BeforeEach
  void provider() throws Exception {
    provider = newProvider();
  }

  @Test
  void wrapThenUnwrapReturnsThePlaintext() throws GeneralSecurityException {
    KeyEncryptionKey key = provider.current();
    byte[] wrapped = key.aead().encrypt(KEYSET, TENANT);
    assertThat(wrapped).isNotEqualTo(KEYSET);
    assertThat(key.aead().decrypt(wrapped, TENANT)).isEqualTo(KEYSET);
  }

  @Test
  void unwrapWithOtherAssociatedDataThenFails() throws GeneralSecurityException {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    assertThatThrownBy(() ->
            provider.current().aead().decrypt(wrapped, "tenant-b".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void unwrapTamperedCiphertextThenFails() throws GeneralSecurityException {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    wrapped[wrapped.length - 1] ^= 1;
    assertThatThrownBy(() -> provider.current().aead().decrypt(wrapped, TENANT))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void secondInstanceOverTheSameKeyUnwrapsAndHasTheSameId() throws Exception {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    KeyEncryptionKeyProvider again = sameKeyAgain();
    assertThat(again.current().id()).isEqualTo(provider.current().id());
    assertThat(again.current().aead().decrypt(wrapped, TENANT)).isEqualTo(KEYSET);
  }

  @Test
  void idNamesTheProviderAndDiffersFromTheKeyMaterial() {
    assertThat(provider.current().id()).startsWith(provider.name()).doesNotContain("\"value\"");
    assertThat(provider.current().toString()).doesNotContain("value");
  }

  @Test
  void rotateKeepsOldCiphertextsReadableAndNamesANewKeyOrIsRefused() throws Exception {
    byte[] before = provider.current().aead().encrypt(KEYSET, TENANT);
    String oldId = provider.current().id();
    if (!provider.rotatable()) {
      assertThatThrownBy(provider::rotate).isInstanceOf(IllegalStateException.class);
      assertThat(provider.current().id()).isEqualTo(oldId);
      return;
    }
    KeyEncryptionKey rotated = provider.rotate();
    assertThat(rotated.id()).isNotEqualTo(oldId);
    assertThat(provider.current().id()).isEqualTo(rotated.id());
    assertThat(rotated.aead().decrypt(before, TENANT)).isEqualTo(KEYSET);
    byte[] after = rotated.aead().encrypt(KEYSET, TENANT);
    KeyEncryptionKeyProvider again = sameKeyAgain();
    assertThat(again.current().id()).isEqualTo(rotated.id());
    assertThat(again.current().aead().decrypt(after, TENANT)).isEqualTo(KEYSET);
    assertThat(again.current().aead().decrypt(before, TENANT)).isEqualTo(KEYSET);
  }
}
