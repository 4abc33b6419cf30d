package io.bulwark.identity.internal;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A client secret mid-rotation: the new secret's hash, the old one's, and the moment the old one
 * stops working, stored as {@code {rotating}new|old|epochSeconds}. Either secret matches until
 * then, so a deployment can roll over without an outage; afterwards only the new one does.
 */
final class RotatingSecretEncoder implements PasswordEncoder {

  static final String ID = "rotating";

  private final ClientSecretEncoder hashes;
  private final Clock clock;

  RotatingSecretEncoder(ClientSecretEncoder hashes, Clock clock) {
    this.hashes = hashes;
    this.clock = clock;
  }

  static String encoded(String newHash, String oldHash, Instant oldExpiresAt) {
    return "{" + ID + "}" + newHash + "|" + oldHash + "|" + oldExpiresAt.getEpochSecond();
  }

  @Override
  public @Nullable String encode(@Nullable CharSequence secret) {
    throw new UnsupportedOperationException("rotating secrets are built with encoded(...)");
  }

  @Override
  public boolean matches(@Nullable CharSequence secret, @Nullable String encoded) {
    if (secret == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\|");
    if (parts.length != 3) {
      return false;
    }
    boolean current = hashes.matches(secret, parts[0]);
    try {
      boolean oldStillValid =
          Instant.ofEpochSecond(Long.parseLong(parts[2])).isAfter(clock.instant());
      boolean old = oldStillValid && hashes.matches(secret, parts[1]);
      return current | old;
    } catch (NumberFormatException e) {
      return current;
    }
  }
}
