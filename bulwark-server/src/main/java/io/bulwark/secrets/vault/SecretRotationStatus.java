package io.bulwark.secrets.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A secret that is due for rotation or expires soon: its current version is older than its {@code
 * rotation_period} allows (or will be within the report's window), or its {@code expires_at} is
 * past (or near).
 *
 * @param path where it lives
 * @param owner who answers for it
 * @param currentVersion its current version
 * @param rotationPeriod how often it should be rotated
 * @param lastRotatedAt when its current version was written
 * @param rotationDueAt when the next rotation is due (current version's age reaching the period)
 * @param expiresAt when it stops being valid
 * @param status overdue (a due moment has passed) or due (within the window)
 * @param reasons which of rotation and expiry put it in the report
 */
public record SecretRotationStatus(
    SecretPath path,
    @Nullable String owner,
    int currentVersion,
    @Nullable Duration rotationPeriod,
    @Nullable Instant lastRotatedAt,
    @Nullable Instant rotationDueAt,
    @Nullable Instant expiresAt,
    Status status,
    List<Reason> reasons) {

  public SecretRotationStatus {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
  }

  /** Where a secret stands against its rotation period and expiry. */
  public enum Status {
    DUE,
    OVERDUE;

    /**
     * @return the name used in JSON
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What put a secret in the report. */
  public enum Reason {
    ROTATION,
    EXPIRY;

    /**
     * @return the name used in JSON
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
