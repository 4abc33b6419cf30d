package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import io.bulwark.secrets.KeyEncryptionKey;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.security.GeneralSecurityException;

/**
 * A key in a cloud KMS ({@code aws-kms://…}, {@code gcp-kms://…}) through Tink's {@link KmsClient}:
 * the key material never leaves the KMS, every wrap and unwrap is a KMS call. Rotation happens in
 * the KMS (AWS and Google Cloud keep the key's URI and decrypt with older key versions), so the
 * server cannot rotate it itself.
 */
final class KmsKeyEncryptionKeyProvider implements KeyEncryptionKeyProvider {

  static final String NAME = "kms";

  private final KeyEncryptionKey current;

  KmsKeyEncryptionKeyProvider(KmsClient client, String keyUri) throws GeneralSecurityException {
    if (!client.doesSupport(keyUri)) {
      throw new IllegalStateException("The KMS client does not support the key URI's scheme");
    }
    Aead aead = client.getAead(keyUri);
    this.current = TinkKeysetKeys.of(NAME + ":" + keyUri, aead);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KeyEncryptionKey current() {
    return current;
  }

  @Override
  public boolean rotatable() {
    return false;
  }

  @Override
  public KeyEncryptionKey rotate() {
    throw new IllegalStateException("A KMS key is rotated in the KMS, keeping its URI");
  }
}
