package io.bulwark.secrets;

/**
 * The service-provider interface for key-encryption keys: a local keyset file, a keyset given in
 * {@code BULWARK_KEK}, or a key in a cloud KMS reached through Tink's {@link
 * com.google.crypto.tink.KmsClient}. Every implementation passes the same contract test ({@code
 * KeyEncryptionKeyProviderContract}): round trip, wrong associated data and tampering fail, a
 * second instance over the same key decrypts, and rotation keeps old ciphertexts readable.
 */
public interface KeyEncryptionKeyProvider {

  /**
   * @return the provider's name, as {@code BULWARK_KEK_PROVIDER} selects it
   */
  String name();

  /**
   * @return the key that wraps new data keysets
   */
  KeyEncryptionKey current();

  /**
   * @return whether {@link #rotate()} can make a new primary key here; otherwise the key is rotated
   *     where it lives (a new {@code BULWARK_KEK} keyset, or the KMS's own rotation)
   */
  boolean rotatable();

  /**
   * Makes a new primary key; keys made before it still decrypt.
   *
   * @return the new current key
   * @throws IllegalStateException when the provider is not {@link #rotatable()}
   */
  KeyEncryptionKey rotate();
}
