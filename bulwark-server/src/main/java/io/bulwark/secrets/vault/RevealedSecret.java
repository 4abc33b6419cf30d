package io.bulwark.secrets.vault;

import java.time.Instant;
import java.util.Objects;

/**
 * A decrypted version of a secret.
 *
 * @param path where it lives
 * @param version which version
 * @param createdAt when that version was written
 * @param value the value
 */
public record RevealedSecret(SecretPath path, int version, Instant createdAt, SecretValue value) {

  public RevealedSecret {
    Objects.requireNonNull(path);
    Objects.requireNonNull(createdAt);
    Objects.requireNonNull(value);
  }
}
