package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileKeyEncryptionKeyProviderTests extends KeyEncryptionKeyProviderContract {

  @TempDir Path directory;

  @Override
  KeyEncryptionKeyProvider newProvider() throws Exception {
    return new LocalFileKeyEncryptionKeyProvider(directory.resolve("kek.json"));
  }

  @Override
  KeyEncryptionKeyProvider sameKeyAgain() throws Exception {
    return new LocalFileKeyEncryptionKeyProvider(directory.resolve("kek.json"));
  }

  @Test
  void keysetFileIsReadableByItsOwnerOnlyAlsoAfterRotation() throws Exception {
    Path file = directory.resolve("kek.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    provider.rotate();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(directory)).containsExactly(file);
  }
}
