package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the key-encryption key: the Tink keyset given in {@code BULWARK_KEK} (inline base64 JSON
 * or a file path), else a keyset file generated under the data directory with owner-only
 * permissions. The second keeps the key beside the data it protects, so it is meant for
 * development; outside dev mode it is logged as a warning.
 */
@Configuration(proxyBeanMethods = false)
class TinkKeyEncryptionKeys {

  private static final Logger log = LoggerFactory.getLogger(TinkKeyEncryptionKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @Bean
  KeyEncryptionKey keyEncryptionKey(
      @Value("${bulwark.kek}") String configured,
      @Value("${bulwark.db.data-dir}") Path dataDir,
      @Value("${bulwark.dev-mode}") boolean devMode)
      throws GeneralSecurityException {
    AeadConfig.register();
    if (!configured.isBlank()) {
      return fromKeyset("configured", readConfigured(configured.strip()));
    }
    Path file = dataDir.resolve("kek.json").toAbsolutePath();
    String keyset = readOrCreate(file);
    if (!devMode) {
      log.atWarn()
          .setMessage(
              "The key-encryption key is a local file beside the data it protects; set BULWARK_KEK"
                  + " (or a KMS provider) in production")
          .addKeyValue("kek_file", file.toString())
          .log();
    }
    return fromKeyset("local-file", keyset);
  }

  private static KeyEncryptionKey fromKeyset(String source, String json)
      throws GeneralSecurityException {
    KeysetHandle handle =
        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    String id = source + ":" + HexFormat.of().toHexDigits(handle.getPrimary().getId());
    return new KeyEncryptionKey() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Aead aead() {
        return aead;
      }

      @Override
      public String toString() {
        return "KeyEncryptionKey[" + id + "]";
      }
    };
  }

  private static String readConfigured(String configured) {
    try {
      Path path = Path.of(configured);
      if (configured.startsWith("/") || configured.startsWith(".")) {
        return Files.readString(path, StandardCharsets.UTF_8);
      }
      return new String(Base64.getDecoder().decode(configured), StandardCharsets.UTF_8);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "BULWARK_KEK must be a base64 Tink JSON keyset or the path of a file holding one");
    }
  }

  private static String readOrCreate(Path file) throws GeneralSecurityException {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      Files.createDirectories(file.getParent());
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      String json =
          TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the key-encryption key file", e);
    }
  }
}
