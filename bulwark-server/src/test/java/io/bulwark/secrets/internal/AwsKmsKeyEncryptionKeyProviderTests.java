package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The bundled AWS KMS client through the real AWS SDK (request signing, JSON protocol, error
 * mapping) against {@link AwsKmsEndpoint} on loopback, held to the provider contract.
 */
class AwsKmsKeyEncryptionKeyProviderTests extends KeyEncryptionKeyProviderContract {

  private static final byte[] KEYSET = "keyset".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TENANT = "tenant-a".getBytes(StandardCharsets.UTF_8);

  private final AwsKmsEndpoint endpoint = newEndpoint();
  private String keyUri;

  private static AwsKmsEndpoint newEndpoint() {
    try {
      return new AwsKmsEndpoint();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Override
  KeyEncryptionKeyProvider newProvider() throws Exception {
    keyUri = keyUri(UUID.randomUUID().toString());
    return new KmsKeyEncryptionKeyProvider(client(AwsKmsEndpoint.SECRET_KEY), keyUri);
  }

  @Override
  KeyEncryptionKeyProvider sameKeyAgain() throws Exception {
    return new KmsKeyEncryptionKeyProvider(client(AwsKmsEndpoint.SECRET_KEY), keyUri);
  }

  @Test
  void associatedDataTravelsAsHexEncryptionContext() throws GeneralSecurityException {
    provider.current().aead().encrypt(KEYSET, TENANT);
    assertThat(endpoint.contexts())
        .containsExactly(Map.of("associatedData", HexFormat.of().formatHex(TENANT)));
  }

  @Test
  void unwrapUnderAnotherKeyOfTheAccountThenFails() throws Exception {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    Aead other = client(AwsKmsEndpoint.SECRET_KEY).getAead(keyUri("other"));
    assertThatThrownBy(() -> other.decrypt(wrapped, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("AWS KMS refused to decrypt");
  }

  @Test
  void requestsUnderAnotherAccessKeyThenRefused() throws Exception {
    Aead stranger =
        new AwsKmsClient(
                endpoint.uri(),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIASOMEONEELSE", "wrong")))
            .getAead(keyUri);
    assertThatThrownBy(() -> stranger.encrypt(KEYSET, TENANT))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyUrisThatAreNotKmsArnsThenUnsupported() {
    AwsKmsClient client = client(AwsKmsEndpoint.SECRET_KEY);
    assertThat(client.doesSupport(keyUri("k"))).isTrue();
    assertThat(client.doesSupport("aws-kms://arn:aws:kms:eu-west-1:111122223333:alias/bulwark"))
        .isTrue();
    assertThat(client.doesSupport("aws-kms://arn:aws:s3:eu-west-1:111122223333:key/k")).isFalse();
    assertThat(client.doesSupport("aws-kms://arn:aws:kms::111122223333:key/k")).isFalse();
    assertThat(client.doesSupport("aws-kms://not-an-arn")).isFalse();
    assertThat(client.doesSupport("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"))
        .isFalse();
    assertThatThrownBy(() -> CloudKmsClients.forUri("aws-kms://not-an-arn", endpoint.uri(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ARN");
  }

  private AwsKmsClient client(String secretKey) {
    return new AwsKmsClient(
        endpoint.uri(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AwsKmsEndpoint.ACCESS_KEY, secretKey)));
  }

  private static String keyUri(String id) {
    return "aws-kms://arn:aws:kms:eu-west-1:111122223333:key/" + id;
  }
}
