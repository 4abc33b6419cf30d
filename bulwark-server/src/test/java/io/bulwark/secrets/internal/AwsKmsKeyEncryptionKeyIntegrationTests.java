package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.ServerProcess;
import io.bulwark.support.ServerProcess.Server;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestTenants;
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
 * A server whose key-encryption key is in AWS KMS, configured the way an operator would ({@code
 * BULWARK_KEK_URI}, credentials in the SDK's environment variables): secrets written before a
 * restart read after it, every keyset wrap and unwrap went through KMS, and no key-encryption key
 * file is made.
 */
class AwsKmsKeyEncryptionKeyIntegrationTests {

  private static final String KEY_ARN = "arn:aws:kms:eu-central-1:111122223333:key/bulwark-kek";

  @TempDir Path work;

  private AwsKmsEndpoint kms;
  private ServerProcess servers;

  @BeforeEach
  void kmsAndServers() throws Exception {
    kms = new AwsKmsEndpoint();
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
    var acme = TestTenants.acme();
    String slug = acme.slug();
    TestApi api = first.api();
    String admin = api.adminToken();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Response client =
        api.post("/api/v1/tenants/" + slug + "/clients")
            .bearer(admin)
            .json(
                """
                {"name": "payments", "grant_types": ["client_credentials"], "scopes": []}
                """)
            .send();
    assertThat(client.status()).as(client.toString()).isEqualTo(201);
    String clientId = client.json().get("client").get("client_id").asString();
    String clientSecret = client.json().get("client_secret").asString();
    for (String role : List.of("tenant-admin", "secrets-reader")) {
      Response granted =
          api.request("PUT", "/api/v1/tenants/" + slug + "/clients/" + clientId + "/roles/" + role)
              .bearer(admin)
              .send();
      assertThat(granted.status()).as(granted.toString()).isBetween(200, 204);
    }
    String token = api.token(slug, clientId, clientSecret);
    Response written =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secrets/payments/stripe-key")
            .bearer(token)
            .json("{\"value\": \"sk_live_kms\"}")
            .send();
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    int callsBeforeRestart = kms.contexts().size();
    assertThat(callsBeforeRestart).as("keysets wrapped through KMS").isPositive();
    assertThat(kms.contexts()).allSatisfy(context -> assertThat(context).hasSize(1));

    first.process().destroy();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Server second = start();
    String again = second.api().token(slug, clientId, clientSecret);
    Response read =
        second
            .api()
            .get("/api/v1/tenants/" + slug + "/secrets/payments/stripe-key")
            .bearer(again)
            .send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().get("value").asString()).isEqualTo("sk_live_kms");
    assertThat(kms.contexts().size())
        .as("keysets unwrapped through KMS")
        .isGreaterThan(callsBeforeRestart);
    assertThat(Files.exists(work.resolve("data").resolve("kek.json"))).isFalse();
  }

  private Server start() throws Exception {
    return servers.start(
        Map.of(
            "BULWARK_KEK_URI",
            "aws-kms://" + KEY_ARN,
            "BULWARK_KMS_AWS_ENDPOINT",
            kms.uri().toString(),
            "AWS_ACCESS_KEY_ID",
            AwsKmsEndpoint.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY",
            AwsKmsEndpoint.SECRET_KEY,
            "AWS_EC2_METADATA_DISABLED",
            "true"),
        List.of());
  }
}
