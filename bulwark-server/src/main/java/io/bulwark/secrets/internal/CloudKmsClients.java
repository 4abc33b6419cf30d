package io.bulwark.secrets.internal;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.security.GeneralSecurityException;

/**
 * Finds the Tink KMS client for a key URI among those registered with {@link KmsClients}. The cloud
 * integrations are not bundled (see docs/secrets.md): a deployment that uses them registers {@code
 * AwsKmsClient} or {@code GcpKmsClient} before the server starts.
 */
final class CloudKmsClients {

  private CloudKmsClients() {}

  static KmsClient forUri(String keyUri) throws GeneralSecurityException {
    try {
      return KmsClients.get(keyUri);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "No Tink KMS client is registered for the scheme of BULWARK_KEK_URI", e);
    }
  }
}
