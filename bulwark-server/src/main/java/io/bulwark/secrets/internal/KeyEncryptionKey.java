package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;

/**
 * A key-encryption key: it encrypts the tenants' data keysets and nothing else. Providers (a local
 * keyset file, a key given in {@code BULWARK_KEK}, a cloud KMS) implement this.
 */
interface KeyEncryptionKey {

  /**
   * @return a stable, non-secret name of this key, stored beside what it encrypted
   */
  String id();

  /**
   * @return the AEAD that wraps and unwraps data keysets
   */
  Aead aead();
}
