package io.bulwark.identity;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user's sign-in to one client: the authorization the authorization-code grant created and that
 * its refresh tokens extend. It carries no token value.
 *
 * @param id the session's id (the authorization's id)
 * @param userId the user who signed in
 * @param clientId the client's {@code client_id}
 * @param startedAt when the code was issued
 * @param lastRefreshedAt when the current access token was issued, if by a refresh
 * @param expiresAt when the session ends unless refreshed: its refresh token's expiry, or the
 *     access token's when there is no refresh token
 */
public record UserSession(
    String id,
    String userId,
    String clientId,
    Instant startedAt,
    @Nullable Instant lastRefreshedAt,
    @Nullable Instant expiresAt) {

  public UserSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
