package io.bulwark.secrets.internal;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.net.URI;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Tink KMS client for a key URI: {@code aws-kms://} keys through the bundled {@link
 * AwsKmsClient}, any other scheme among the clients registered with {@link KmsClients} (a
 * deployment that adds, say, Tink's Google Cloud client registers it before the server starts).
 */
final class CloudKmsClients {

  private CloudKmsClients() {}

  static KmsClient forUri(String keyUri, @Nullable URI awsEndpoint)
      throws GeneralSecurityException {
    if (keyUri.startsWith(AwsKmsClient.PREFIX)) {
      AwsKmsClient aws = AwsKmsClient.withDefaultChain(awsEndpoint);
      if (!aws.doesSupport(keyUri)) {
        throw new IllegalStateException(
            "BULWARK_KEK_URI must be aws-kms:// followed by a KMS key or alias ARN");
      }
      return aws;
    }
    try {
      return KmsClients.get(keyUri);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "No Tink KMS client is registered for the scheme of BULWARK_KEK_URI", e);
    }
  }
}
