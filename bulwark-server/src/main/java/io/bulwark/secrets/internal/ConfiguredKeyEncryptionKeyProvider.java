package io.bulwark.secrets.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import io.bulwark.secrets.KeyEncryptionKey;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The Tink JSON keyset given in {@code BULWARK_KEK}, inline as base64 or as the path of a file
 * holding it. It is rotated outside the server: the operator adds a new primary key to the keyset
 * (keeping the old keys), restarts, and rewraps the tenant keysets.
 */
final class ConfiguredKeyEncryptionKeyProvider implements KeyEncryptionKeyProvider {

  static final String NAME = "configured";

  private final KeyEncryptionKey current;

  ConfiguredKeyEncryptionKeyProvider(String configured) throws GeneralSecurityException {
    AeadConfig.register();
    this.current =
        TinkKeysetKeys.of(
            NAME,
            TinkJsonProtoKeysetFormat.parseKeyset(
                read(configured.strip()), InsecureSecretKeyAccess.get()));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public KeyEncryptionKey current() {
    return current;
  }

  @Override
  public boolean rotatable() {
    return false;
  }

  @Override
  public KeyEncryptionKey rotate() {
    throw new IllegalStateException(
        "The key-encryption key from BULWARK_KEK is rotated by giving a keyset with a new primary");
  }

  private static String read(String configured) {
    try {
      if (configured.startsWith("/") || configured.startsWith(".")) {
        return Files.readString(Path.of(configured), StandardCharsets.UTF_8);
      }
      return new String(Base64.getDecoder().decode(configured), StandardCharsets.UTF_8);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "BULWARK_KEK must be a base64 Tink JSON keyset or the path of a file holding one");
    }
  }
}
