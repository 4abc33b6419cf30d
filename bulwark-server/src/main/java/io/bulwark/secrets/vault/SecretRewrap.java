package io.bulwark.secrets.vault;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The re-encryption of a tenant's secret versions under a new primary data key, started by a
 * data-key rotation and run in the background in batches.
 *
 * @param id the rewrap's id
 * @param targetKeyId the data key every version is rewrapped under
 * @param state running, completed, or superseded by a later rotation
 * @param total how many versions held a ciphertext when it started
 * @param scanned how many versions it has visited
 * @param rewrapped how many of those it re-encrypted (the others were already under the key)
 * @param failed how many did not decrypt (each reported as a security event and left as they were)
 * @param startedAt when the rotation started it
 * @param updatedAt when it last progressed
 * @param completedAt when it finished, if it has
 */
public record SecretRewrap(
    UUID id,
    long targetKeyId,
    State state,
    long total,
    long scanned,
    long rewrapped,
    long failed,
    Instant startedAt,
    Instant updatedAt,
    @Nullable Instant completedAt) {

  public SecretRewrap {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }

  /** Where a rewrap stands. */
  public enum State {
    RUNNING,
    COMPLETED,
    SUPERSEDED;

    /**
     * @return the name used in JSON and in the database
     */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
