package io.bulwark.identity;

import static io.bulwark.identity.LockoutPolicyTests.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLifetimesTests {

  @Test
  void defaultsAreFiveMinuteAccessTokensOneHourRefreshTokensAndHalfHourIdTokens() {
    assertThat(TokenLifetimes.DEFAULT.asFields())
        .containsExactly(
            Map.entry("access_token_ttl", "PT5M"),
            Map.entry("refresh_token_ttl", "PT1H"),
            Map.entry("authorization_code_ttl", "PT5M"),
            Map.entry("id_token_ttl", "PT30M"));
  }

  @Test
  void boundsAreInclusive() {
    TokenLifetimes shortest =
        new TokenLifetimes(
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
    TokenLifetimes longest =
        new TokenLifetimes(
            Duration.ofHours(1), Duration.ofDays(90), Duration.ofMinutes(10), Duration.ofHours(1));

    assertThat(shortest.accessToken()).isEqualTo(Duration.ofMinutes(1));
    assertThat(longest.asFields().get("refresh_token_ttl")).isEqualTo("P90D");
  }

  @Test
  void lifetimesBeyondTheBoundsAreRejectedNamingTheField() {
    Duration fiveMinutes = Duration.ofMinutes(5);
    Duration hour = Duration.ofHours(1);
    assertRejected(
        () -> new TokenLifetimes(Duration.ofSeconds(59), hour, fiveMinutes, fiveMinutes),
        "access_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(Duration.ofMinutes(61), hour, fiveMinutes, fiveMinutes),
        "access_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(fiveMinutes, Duration.ofMinutes(9), fiveMinutes, fiveMinutes),
        "refresh_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(fiveMinutes, Duration.ofDays(91), fiveMinutes, fiveMinutes),
        "refresh_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(fiveMinutes, hour, Duration.ofMinutes(11), fiveMinutes),
        "authorization_code_ttl");
    assertRejected(
        () -> new TokenLifetimes(fiveMinutes, hour, fiveMinutes, Duration.ofSeconds(59)),
        "id_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(fiveMinutes, hour, fiveMinutes, Duration.ofMinutes(61)),
        "id_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(null, hour, fiveMinutes, fiveMinutes), "access_token_ttl");
    assertRejected(
        () -> new TokenLifetimes(Duration.ofMillis(120_001), hour, fiveMinutes, fiveMinutes),
        "access_token_ttl");
  }
}
