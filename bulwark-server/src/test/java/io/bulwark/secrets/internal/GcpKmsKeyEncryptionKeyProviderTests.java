package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled Google Cloud KMS client through Google's auth library (a service-account key, the
 * JWT-bearer token grant) and the Cloud KMS REST protocol against {@link GcpKmsEndpoint} on
 * loopback, held to the provider contract.
 */
class GcpKmsKeyEncryptionKeyProviderTests extends KeyEncryptionKeyProviderContract {

  private static final byte[] KEYSET = "keyset".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TENANT = "tenant-a".getBytes(StandardCharsets.UTF_8);

  private final GcpKmsEndpoint endpoint = newEndpoint();
  private String keyUri;

  private static GcpKmsEndpoint newEndpoint() {
    try {
      return new GcpKmsEndpoint();
    } catch (IOException e) {
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
    return new KmsKeyEncryptionKeyProvider(client(), keyUri);
  }

  @Override
  KeyEncryptionKeyProvider sameKeyAgain() throws Exception {
    return new KmsKeyEncryptionKeyProvider(client(), keyUri);
  }

  @Test
  void associatedDataTravelsAsAdditionalAuthenticatedDataOfTheConfiguredKey() throws Exception {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    provider.current().aead().decrypt(wrapped, TENANT);
    assertThat(endpoint.calls())
        .extracting(GcpKmsEndpoint.Call::method)
        .containsExactly("encrypt", "decrypt");
    assertThat(endpoint.calls())
        .allSatisfy(call -> {
          assertThat(call.keyName()).isEqualTo(keyUri.substring(GcpKmsClient.PREFIX.length()));
          assertThat(call.additionalAuthenticatedData()).isEqualTo(TENANT);
        });
  }

  @Test
  void tokenIsFetchedOnceAndReused() throws Exception {
    Aead aead = provider.current().aead();
    for (int i = 0; i < 3; i++) {
      aead.decrypt(aead.encrypt(KEYSET, TENANT), TENANT);
    }
    assertThat(endpoint.tokenRequests()).isEqualTo(1);
  }

  @Test
  void unwrapUnderAnotherKeyThenFails() throws Exception {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    Aead other = client().getAead(keyUri("other"));
    assertThatThrownBy(() -> other.decrypt(wrapped, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("Google Cloud KMS refused to decrypt: HTTP 400 INVALID_ARGUMENT");
  }

  @Test
  void encryptionAnsweredByAnotherKeyThenRefused() {
    endpoint.answerEncryptionsAs("projects/bulwark-test/locations/global/keyRings/r/cryptoKeys/x");
    assertThatThrownBy(() -> provider.current().aead().encrypt(KEYSET, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("Google Cloud KMS encrypted with another key than configured");
  }

  @Test
  void answerThatDoesNotMatchItsChecksumThenRefused() throws Exception {
    byte[] wrapped = provider.current().aead().encrypt(KEYSET, TENANT);
    endpoint.corruptAnswers();
    assertThatThrownBy(() -> provider.current().aead().encrypt(KEYSET, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("Google Cloud KMS's ciphertext does not match its checksum");
    assertThatThrownBy(() -> provider.current().aead().decrypt(wrapped, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("Google Cloud KMS's plaintext does not match its checksum");
  }

  @Test
  void serviceAccountKeyTheTokenEndpointRejectsThenRefusedWithoutTheKeyInTheMessage()
      throws Exception {
    Aead stranger =
        new GcpKmsClient(
                endpoint.uri(),
                GcpKmsEndpoint.credentials(endpoint.serviceAccountJsonWithAnUnknownKey()))
            .getAead(keyUri);
    assertThatThrownBy(() -> stranger.encrypt(KEYSET, TENANT))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("Google Cloud credentials gave no access token")
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("PRIVATE KEY");
    assertThat(endpoint.calls()).isEmpty();
  }

  @Test
  void revokedTokenIsReplacedOnceThenTheCallSucceeds() throws Exception {
    Aead aead = provider.current().aead();
    byte[] wrapped = aead.encrypt(KEYSET, TENANT);
    endpoint.revokeTokens();
    assertThat(aead.decrypt(wrapped, TENANT)).isEqualTo(KEYSET);
    assertThat(endpoint.tokenRequests()).isEqualTo(2);
  }

  @Test
  void tokenRefusedEvenWhenFreshThenRefusedAsUnauthenticated() throws Exception {
    GcpKmsEndpoint elsewhere = new GcpKmsEndpoint();
    try (elsewhere) {
      Aead misdirected = new GcpKmsClient(elsewhere.uri(), endpoint.credentials()).getAead(keyUri);
      assertThatThrownBy(() -> misdirected.encrypt(KEYSET, TENANT))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage("Google Cloud KMS refused to encrypt: HTTP 401 UNAUTHENTICATED")
          .satisfies(e ->
              assertThat(endpoint.issuedTokens())
                  .allSatisfy(token -> assertThat(e.getMessage()).doesNotContain(token)));
    }
  }

  @Test
  void keyUrisThatAreNotCryptoKeyNamesThenUnsupported() throws IOException {
    GcpKmsClient client = client();
    assertThat(client.doesSupport(keyUri("k"))).isTrue();
    assertThat(
            client.doesSupport(
                "gcp-kms://projects/example.com:p-1/locations/europe-west3/keyRings/R_1/cryptoKeys/k-2"))
        .isTrue();
    for (String malformed :
        new String[] {
          keyUri("k") + "/cryptoKeyVersions/1",
          "gcp-kms://projects/p/locations/global/keyRings/r",
          "gcp-kms://projects//locations/global/keyRings/r/cryptoKeys/k",
          "gcp-kms://projects/p/locations/Global/keyRings/r/cryptoKeys/k",
          "gcp-kms://projects/p/locations/global/keyRings/../cryptoKeys/k",
          "gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k?alt=json",
          "gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k:decrypt",
          "gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/" + "k".repeat(64),
          "gcp-kms://locations/global/keyRings/r/cryptoKeys/k",
          "aws-kms://arn:aws:kms:eu-west-1:111122223333:key/k"
        }) {
      assertThat(client.doesSupport(malformed)).as(malformed).isFalse();
    }
    assertThatThrownBy(
            () -> CloudKmsClients.forUri(keyUri("k") + "/cryptoKeyVersions/1", null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gcp-kms://projects/<project>/locations/<location>")
        .hasMessageContaining("not one of its versions");
  }

  @Test
  void endpointOverridesThatWouldSendTokensInClearOrElsewhereThenRefused() {
    assertThat(GcpKmsClient.endpoint("https://cloudkms-psc.p.googleapis.com/"))
        .isEqualTo(URI.create("https://cloudkms-psc.p.googleapis.com"));
    assertThat(GcpKmsClient.endpoint(" http://127.0.0.1:8443 "))
        .isEqualTo(URI.create("http://127.0.0.1:8443"));
    for (String refused :
        new String[] {
          "http://cloudkms.internal.example",
          "http://127.attacker.example",
          "https://cloudkms.googleapis.com/v1",
          "https://user@cloudkms.googleapis.com",
          "https://cloudkms.googleapis.com?x=1",
          "cloudkms.googleapis.com",
          "ftp://127.0.0.1"
        }) {
      assertThatThrownBy(() -> GcpKmsClient.endpoint(refused))
          .as(refused)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("BULWARK_KMS_GCP_ENDPOINT must be an https:// origin");
    }
  }

  private GcpKmsClient client() throws IOException {
    return new GcpKmsClient(endpoint.uri(), endpoint.credentials());
  }

  private static String keyUri(String id) {
    return "gcp-kms://projects/bulwark-test/locations/europe-west3/keyRings/bulwark/cryptoKeys/"
        + id;
  }
}
