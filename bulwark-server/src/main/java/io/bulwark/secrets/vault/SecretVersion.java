package io.bulwark.secrets.vault;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a secret, without its value.
 *
 * @param version its number, from 1
 * @param createdAt when it was written
 * @param deletedAt when it was soft-deleted, if it is
 * @param destroyedAt when its ciphertext was destroyed, if it was
 */
public record SecretVersion(
    int version, Instant createdAt, @Nullable Instant deletedAt, @Nullable Instant destroyedAt) {

  /**
   * @return whether the value can be read
   */
  public boolean readable() {
    return deletedAt == null && destroyedAt == null;
  }
}
