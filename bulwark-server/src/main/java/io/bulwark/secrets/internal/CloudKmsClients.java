package io.bulwark.secrets.internal;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.net.URI;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the Tink KMS client for a key URI: {@code aws-kms://} keys through the bundled {@link
 * AwsKmsClient}, {@code gcp-kms://} keys through the bundled {@link GcpKmsClient}, any other scheme
 * among the clients registered with {@link KmsClients} (a deployment that adds another Tink KMS
 * integration registers its client before the server starts).
 */
final class CloudKmsClients {

  private CloudKmsClients() {}

  /**
   * @param awsEndpoint {@code BULWARK_KMS_AWS_ENDPOINT}, or {@code null}
   * @param gcpEndpoint {@code BULWARK_KMS_GCP_ENDPOINT} (checked by {@link
   *     GcpKmsClient#endpoint(String)}), or {@code null}
   */
  static KmsClient forUri(String keyUri, @Nullable URI awsEndpoint, @Nullable URI gcpEndpoint)
      throws GeneralSecurityException {
    if (keyUri.startsWith(AwsKmsClient.PREFIX)) {
      AwsKmsClient aws = AwsKmsClient.withDefaultChain(awsEndpoint);
      if (!aws.doesSupport(keyUri)) {
        throw new IllegalStateException(
            "BULWARK_KEK_URI must be aws-kms:// followed by a KMS key or alias ARN");
      }
      return aws;
    }
    if (keyUri.startsWith(GcpKmsClient.PREFIX)) {
      if (GcpKmsClient.KeyName.parse(keyUri) == null) {
        throw new IllegalStateException(
            "BULWARK_KEK_URI must be gcp-kms://projects/<project>/locations/<location>"
                + "/keyRings/<key ring>/cryptoKeys/<key> (a crypto key, not one of its versions)");
      }
      return GcpKmsClient.withApplicationDefaultCredentials(gcpEndpoint);
    }
    try {
      return KmsClients.get(keyUri);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "No Tink KMS client is registered for the scheme of BULWARK_KEK_URI", e);
    }
  }
}
