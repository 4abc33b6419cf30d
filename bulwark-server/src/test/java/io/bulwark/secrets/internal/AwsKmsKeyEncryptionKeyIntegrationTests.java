package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    SecretAcrossRestart secret = SecretAcrossRestart.write(first.api());
    int callsBeforeRestart = kms.contexts().size();
    assertThat(callsBeforeRestart).as("keysets wrapped through KMS").isPositive();
    assertThat(kms.contexts()).allSatisfy(context -> assertThat(context).hasSize(1));

    first.process().destroy();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Server second = start();
    secret.assertReadableThrough(second.api());
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
