package io.bulwark.secrets.vault;

import io.bulwark.classification.ClassificationTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the vault knows about a secret besides its value.
 *
 * @param path where it lives
 * @param currentVersion the newest version written (0 when none yet), whatever its state
 * @param maxVersions how many versions are kept; older ones are pruned on write
 * @param casRequired whether every write must name the current version ({@code If-Match})
 * @param owner who answers for it
 * @param description what it is for
 * @param classification its data-classification tier
 * @param rotationPeriod how often it should be rotated
 * @param expiresAt when it stops being valid
 * @param tags free-form labels
 * @param createdAt when the path was first written
 * @param updatedAt when a version or the metadata last changed
 * @param versions the kept versions, oldest first (empty in list results)
 */
public record SecretMetadata(
    SecretPath path,
    int currentVersion,
    int maxVersions,
    boolean casRequired,
    @Nullable String owner,
    @Nullable String description,
    @Nullable ClassificationTier classification,
    @Nullable Duration rotationPeriod,
    @Nullable Instant expiresAt,
    Map<String, String> tags,
    Instant createdAt,
    Instant updatedAt,
    List<SecretVersion> versions) {

  public SecretMetadata {
    tags = Map.copyOf(tags);
    versions = List.copyOf(versions);
  }
}
