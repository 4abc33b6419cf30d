package io.bulwark.secrets.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bulwark.secrets.KeyEncryptionKey;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * A Tink keyset file, generated on first use with owner-only permissions. It keeps the key beside
 * the data it protects, so it is meant for development. Rotation adds a new primary key to the file
 * (replaced atomically); the older keys stay in it and still decrypt.
 */
final class LocalFileKeyEncryptionKeyProvider implements KeyEncryptionKeyProvider {

  static final String NAME = "local-file";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private volatile KeyEncryptionKey current;

  LocalFileKeyEncryptionKeyProvider(Path file) throws GeneralSecurityException {
    AeadConfig.register();
    this.file = file.toAbsolutePath();
    this.current = TinkKeysetKeys.of(NAME, readOrCreate());
  }

  Path file() {
    return file;
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
    return true;
  }

  @Override
  public synchronized KeyEncryptionKey rotate() {
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(parse(Files.readString(file, StandardCharsets.UTF_8)))
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      write(rotated, true);
      current = TinkKeysetKeys.of(NAME, rotated);
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot rotate the key-encryption key file", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot rotate the key-encryption key file", e);
    }
  }

  private KeysetHandle readOrCreate() throws GeneralSecurityException {
    try {
      if (Files.exists(file)) {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
      }
      Files.createDirectories(file.getParent());
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      write(handle, false);
      return handle;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the key-encryption key file", e);
    }
  }

  private void write(KeysetHandle handle, boolean replace)
      throws IOException, GeneralSecurityException {
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(temporary, json, StandardCharsets.UTF_8);
    if (replace) {
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static KeysetHandle parse(String json) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
  }
}
