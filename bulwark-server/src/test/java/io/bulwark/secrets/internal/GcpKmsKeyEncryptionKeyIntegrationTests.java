package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.support.ServerProcess;
import io.bulwark.support.ServerProcess.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose key-encryption key is in Google Cloud KMS, configured the way an operator would
 * ({@code BULWARK_KEK_URI}, {@code BULWARK_KMS_GCP_ENDPOINT} as for Private Service Connect, and a
 * service-account key file in {@code GOOGLE_APPLICATION_CREDENTIALS}): secrets written before a
 * restart read after it, every keyset wrap and unwrap went through KMS with a token from the
 * service account, no key-encryption key file is made, and neither the service account's private
 * key nor an access token reaches the server's output.
 */
class GcpKmsKeyEncryptionKeyIntegrationTests {

  private static final String KEY_NAME =
      "projects/bulwark-test/locations/europe-west3/keyRings/bulwark/cryptoKeys/kek";

  @TempDir Path work;

  private GcpKmsEndpoint kms;
  private ServerProcess servers;

  @BeforeEach
  void kmsAndServers() throws Exception {
    kms = new GcpKmsEndpoint();
    servers = new ServerProcess(work);
  }

  @AfterEach
  void stop() throws Exception {
    servers.stopAll();
    kms.close();
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void secretsWrittenUnderAKmsKeyReadAfterARestart() throws Exception {
    Server first = start();
    SecretAcrossRestart secret = SecretAcrossRestart.write(first.api());
    int callsBeforeRestart = kms.calls().size();
    assertThat(callsBeforeRestart).as("keysets wrapped through KMS").isPositive();
    assertThat(kms.calls())
        .allSatisfy(call -> {
          assertThat(call.keyName()).isEqualTo(KEY_NAME);
          assertThat(call.additionalAuthenticatedData()).as("the tenant").isNotEmpty();
        });

    first.process().destroy();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Server second = start();
    secret.assertReadableThrough(second.api());
    assertThat(kms.calls().subList(callsBeforeRestart, kms.calls().size()))
        .as("keysets unwrapped through KMS")
        .extracting(GcpKmsEndpoint.Call::method)
        .contains("decrypt");
    assertThat(Files.exists(work.resolve("data").resolve("kek.json"))).isFalse();
    assertThat(kms.issuedTokens()).hasSizeGreaterThanOrEqualTo(2);
    for (Path log : List.of(work.resolve("server-0.log"), work.resolve("server-1.log"))) {
      String output = Files.readString(log);
      assertThat(output).as(log.toString()).doesNotContain(kms.privateKeyBase64().substring(0, 64));
      for (String accessToken : kms.issuedTokens()) {
        assertThat(output).as(log.toString()).doesNotContain(accessToken);
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void keyVersionInsteadOfAKeyThenTheServerStopsOnStartNamingTheExpectedForm() throws Exception {
    assertThatThrownBy(() ->
            servers.start(
                Map.of("BULWARK_KEK_URI", "gcp-kms://" + KEY_NAME + "/cryptoKeyVersions/1"),
                List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the server exited on start");
    assertThat(Files.readString(work.resolve("server-0.log")))
        .contains("BULWARK_KEK_URI must be gcp-kms://projects/<project>/locations/<location>");
  }

  private Server start() throws Exception {
    Path keyFile = work.resolve("bulwark-kek-service-account.json");
    if (!Files.exists(keyFile)) {
      Files.writeString(keyFile, kms.serviceAccountJson());
    }
    return servers.start(
        Map.of(
            "BULWARK_KEK_URI",
            "gcp-kms://" + KEY_NAME,
            "BULWARK_KMS_GCP_ENDPOINT",
            kms.uri().toString(),
            "GOOGLE_APPLICATION_CREDENTIALS",
            keyFile.toString(),
            "NO_GCE_CHECK",
            "true"),
        List.of());
  }
}
