package io.bulwark.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person with an account in one tenant, as it may be shown: never the password hash.
 *
 * @param id the user's id (the {@code sub} of their tokens)
 * @param username unique within the tenant, case-insensitively
 * @param email unique within the tenant when present
 * @param displayName a human name
 * @param status whether the account may sign in
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param deletedAt when it was deleted, if it was
 */
public record User(
    UUID id,
    String username,
    @Nullable String email,
    @Nullable String displayName,
    UserStatus status,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant deletedAt) {

  @Override
  public String toString() {
    return "User[id=" + id + ", status=" + status + "]";
  }
}
