package io.bulwark.identity;

import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Range checks and the duration format shared by the tenant settings records. */
final class SettingBounds {

  private SettingBounds() {}

  static void requireWithin(String field, @Nullable Duration value, Duration min, Duration max) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    if (value.getNano() != 0) {
      throw new InvalidFieldException(field, "must be whole seconds");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidFieldException(field, "must be from " + format(min) + " to " + format(max));
    }
  }

  static void requireWithin(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidFieldException(field, "must be from " + min + " to " + max);
    }
  }

  /** ISO-8601, whole days as {@code P1D} rather than {@code PT24H}. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds > 0 && seconds % 86_400 == 0 && duration.getNano() == 0) {
      return "P" + seconds / 86_400 + "D";
    }
    return duration.toString();
  }
}
