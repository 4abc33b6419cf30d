package io.bulwark.secrets.internal;

import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.aead.AeadConfig;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the key-encryption-key provider from {@code BULWARK_KEK_PROVIDER}: {@code configured}
 * (the keyset in {@code BULWARK_KEK}), {@code kms} (the key at {@code BULWARK_KEK_URI}: AWS KMS and
 * Google Cloud KMS bundled, or a Tink KMS client registered with {@link KmsClients}) or {@code
 * local-file} (a keyset file under the data directory). Unset, it takes {@code configured} when
 * {@code BULWARK_KEK} is set, {@code kms} when {@code BULWARK_KEK_URI} is, else {@code local-file},
 * which outside dev mode is logged as a warning.
 */
@Configuration(proxyBeanMethods = false)
class KeyEncryptionKeyProviders {

  private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyProviders.class);

  @Bean
  KeyEncryptionKeyProvider keyEncryptionKeyProvider(
      @Value("${bulwark.kek-provider:}") String provider,
      @Value("${bulwark.kek}") String configured,
      @Value("${bulwark.kek-uri:}") String keyUri,
      @Value("${bulwark.kms.aws-endpoint:}") String awsEndpoint,
      @Value("${bulwark.kms.gcp-endpoint:}") String gcpEndpoint,
      @Value("${bulwark.db.data-dir}") Path dataDir,
      @Value("${bulwark.dev-mode}") boolean devMode)
      throws GeneralSecurityException {
    AeadConfig.register();
    String chosen =
        !provider.isBlank()
            ? provider.strip()
            : !configured.isBlank()
                ? ConfiguredKeyEncryptionKeyProvider.NAME
                : !keyUri.isBlank()
                    ? KmsKeyEncryptionKeyProvider.NAME
                    : LocalFileKeyEncryptionKeyProvider.NAME;
    return switch (chosen) {
      case ConfiguredKeyEncryptionKeyProvider.NAME -> {
        if (configured.isBlank()) {
          throw new IllegalStateException("BULWARK_KEK_PROVIDER=configured needs BULWARK_KEK");
        }
        yield new ConfiguredKeyEncryptionKeyProvider(configured);
      }
      case KmsKeyEncryptionKeyProvider.NAME -> {
        if (keyUri.isBlank()) {
          throw new IllegalStateException("BULWARK_KEK_PROVIDER=kms needs BULWARK_KEK_URI");
        }
        yield new KmsKeyEncryptionKeyProvider(
            CloudKmsClients.forUri(
                keyUri.strip(),
                awsEndpoint.isBlank() ? null : URI.create(awsEndpoint.strip()),
                gcpEndpoint.isBlank() ? null : GcpKmsClient.endpoint(gcpEndpoint)),
            keyUri.strip());
      }
      case LocalFileKeyEncryptionKeyProvider.NAME -> {
        LocalFileKeyEncryptionKeyProvider local =
            new LocalFileKeyEncryptionKeyProvider(dataDir.resolve("kek.json"));
        if (!devMode) {
          log.atWarn()
              .setMessage(
                  "The key-encryption key is a local file beside the data it protects; set"
                      + " BULWARK_KEK or BULWARK_KEK_URI in production")
              .addKeyValue("kek_file", local.file().toString())
              .log();
        }
        yield local;
      }
      default ->
          throw new IllegalStateException(
              "BULWARK_KEK_PROVIDER must be local-file, configured or kms");
    };
  }
}
