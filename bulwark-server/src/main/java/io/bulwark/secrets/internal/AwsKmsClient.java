package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * AWS KMS as a Tink {@link KmsClient}, on the AWS SDK for Java 2 with the JDK's HTTP client. Key
 * URIs are {@code aws-kms://} followed by a key or alias ARN; the region comes from the ARN. Each
 * wrap and unwrap is one KMS {@code Encrypt} or {@code Decrypt} call: the key never leaves the KMS.
 *
 * <p>Tink's associated data becomes the KMS encryption context {@code {"associatedData": hex}}, so
 * a wrapped keyset only unwraps for the tenant it was wrapped for, and CloudTrail records which
 * tenant each call was for. An unwrap also checks that KMS answered with the configured key, so a
 * ciphertext made under another key of the same account is refused.
 */
final class AwsKmsClient implements KmsClient {

  static final String PREFIX = "aws-kms://";

  private final @Nullable URI endpoint;
  private final AwsCredentialsProvider credentials;

  /**
   * @param endpoint a KMS endpoint to use instead of the region's public one (a VPC endpoint, or a
   *     KMS-compatible service); {@code null} for the default
   */
  AwsKmsClient(@Nullable URI endpoint, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  /**
   * The SDK's default credential chain: environment, profile, web identity, container, instance.
   */
  static AwsKmsClient withDefaultChain(@Nullable URI endpoint) {
    return new AwsKmsClient(endpoint, DefaultCredentialsProvider.builder().build());
  }

  @Override
  public boolean doesSupport(@Nullable String keyUri) {
    return keyUri != null && keyUri.startsWith(PREFIX) && KeyArn.parse(keyUri) != null;
  }

  @Override
  public KmsClient withCredentials(@Nullable String credentialPath) {
    throw new UnsupportedOperationException("Credentials come from the AWS SDK's default chain");
  }

  @Override
  public KmsClient withDefaultCredentials() {
    return this;
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    KeyArn arn = KeyArn.parse(keyUri);
    if (arn == null) {
      throw new GeneralSecurityException("Not an AWS KMS key ARN URI");
    }
    var builder =
        software.amazon.awssdk.services.kms.KmsClient.builder()
            .region(Region.of(arn.region()))
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new KmsAead(builder.build(), arn);
  }

  /** A key or alias ARN, {@code arn:<partition>:kms:<region>:<account>:key/<id>|alias/<name>}. */
  record KeyArn(String arn, String region, boolean isKey) {

    static @Nullable KeyArn parse(String keyUri) {
      if (!keyUri.startsWith(PREFIX)) {
        return null;
      }
      String arn = keyUri.substring(PREFIX.length());
      String[] parts = arn.split(":", 6);
      if (parts.length != 6
          || !parts[0].equals("arn")
          || !parts[2].equals("kms")
          || parts[3].isEmpty()
          || !(parts[5].startsWith("key/") || parts[5].startsWith("alias/"))) {
        return null;
      }
      return new KeyArn(arn, parts[3], parts[5].startsWith("key/"));
    }
  }

  private static final class KmsAead implements Aead {

    private static final String CONTEXT_KEY = "associatedData";

    private final software.amazon.awssdk.services.kms.KmsClient kms;
    private final KeyArn key;

    KmsAead(software.amazon.awssdk.services.kms.KmsClient kms, KeyArn key) {
      this.kms = kms;
      this.key = key;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      try {
        return kms.encrypt(request ->
                request
                    .keyId(key.arn())
                    .plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context(associatedData)))
            .ciphertextBlob()
            .asByteArray();
      } catch (SdkException e) {
        throw new GeneralSecurityException("AWS KMS refused to encrypt: " + e.getMessage());
      }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      DecryptResponse response;
      try {
        response =
            kms.decrypt(request ->
                request
                    .keyId(key.arn())
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(context(associatedData)));
      } catch (SdkException e) {
        throw new GeneralSecurityException("AWS KMS refused to decrypt: " + e.getMessage());
      }
      if (key.isKey() && !key.arn().equals(response.keyId())) {
        throw new GeneralSecurityException("AWS KMS decrypted with another key than configured");
      }
      return response.plaintext().asByteArray();
    }

    private static Map<String, String> context(byte[] associatedData) {
      return associatedData.length == 0
          ? Map.of()
          : Map.of(CONTEXT_KEY, HexFormat.of().formatHex(associatedData));
    }
  }
}
