package io.bulwark.audit.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Time-ordered UUIDs (RFC 9562 §5.7): 48-bit Unix milliseconds, then 74 random bits. */
final class UuidV7 {

  private static final SecureRandom RANDOM = new SecureRandom();

  private UuidV7() {}

  static UUID generate(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long randB = RANDOM.nextLong();
    long most = (millis << 16) | 0x7000L | randA;
    long least = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }
}
