package io.bulwark.secrets;

import com.google.crypto.tink.Aead;

/**
 * A key-encryption key: it encrypts the tenants' data keysets and nothing else. It comes from a
 * {@link KeyEncryptionKeyProvider}.
 */
public interface KeyEncryptionKey {

  /**
   * @return a stable, non-secret name of this key (the provider and its primary key), stored beside
   *     what it encrypted so a rewrap can tell which keysets still need it
   */
  String id();

  /**
   * @return the AEAD that wraps and unwraps data keysets; it decrypts what any earlier primary of
   *     the same provider encrypted
   */
  Aead aead();
}
