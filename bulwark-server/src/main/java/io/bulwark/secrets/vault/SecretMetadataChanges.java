package io.bulwark.secrets.vault;

import io.bulwark.classification.ClassificationTier;
import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a secret's metadata; a null field leaves the stored value as it is.
 *
 * @param owner who answers for the secret, at most 256 characters
 * @param description what it is for, at most 1024 characters
 * @param classification its tier
 * @param rotationPeriod how often it should be rotated, positive
 * @param expiresAt when it stops being valid
 * @param tags labels replacing the stored ones: at most 32, keys {@code [a-z0-9_.-]{1,64}}, values
 *     at most 256 characters
 * @param maxVersions how many versions to keep, 1 to {@value #MAX_VERSIONS_LIMIT}
 * @param casRequired whether writes must carry {@code If-Match}
 */
public record SecretMetadataChanges(
    @Nullable String owner,
    @Nullable String description,
    @Nullable ClassificationTier classification,
    @Nullable Duration rotationPeriod,
    @Nullable Instant expiresAt,
    @Nullable Map<String, String> tags,
    @Nullable Integer maxVersions,
    @Nullable Boolean casRequired) {

  /** The most versions a secret may keep. */
  public static final int MAX_VERSIONS_LIMIT = 100;

  /** How many versions a secret keeps unless its metadata says otherwise. */
  public static final int DEFAULT_MAX_VERSIONS = 10;

  private static final Pattern TAG_KEY = Pattern.compile("[a-z0-9_.-]{1,64}");

  public SecretMetadataChanges {
    if (owner != null && (owner.isBlank() || owner.length() > 256)) {
      throw new InvalidFieldException("owner", "must be 1 to 256 characters");
    }
    if (description != null && description.length() > 1024) {
      throw new InvalidFieldException("description", "must be at most 1024 characters");
    }
    if (rotationPeriod != null && (rotationPeriod.isNegative() || rotationPeriod.isZero())) {
      throw new InvalidFieldException("rotation_period", "must be a positive ISO-8601 duration");
    }
    if (tags != null) {
      if (tags.size() > 32) {
        throw new InvalidFieldException("tags", "must hold at most 32 entries");
      }
      tags.forEach((key, value) -> {
        if (!TAG_KEY.matcher(key).matches()) {
          throw new InvalidFieldException("tags", "keys must match [a-z0-9_.-]{1,64}");
        }
        if (value == null || value.length() > 256) {
          throw new InvalidFieldException("tags", "values must be at most 256 characters");
        }
      });
      tags = Map.copyOf(tags);
    }
    if (maxVersions != null && (maxVersions < 1 || maxVersions > MAX_VERSIONS_LIMIT)) {
      throw new InvalidFieldException("max_versions", "must be 1 to " + MAX_VERSIONS_LIMIT);
    }
  }

  /**
   * @return whether nothing changes
   */
  public boolean isEmpty() {
    return owner == null
        && description == null
        && classification == null
        && rotationPeriod == null
        && expiresAt == null
        && tags == null
        && maxVersions == null
        && casRequired == null;
  }
}
