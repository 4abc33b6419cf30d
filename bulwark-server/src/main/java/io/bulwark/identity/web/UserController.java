package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.User;
import io.bulwark.identity.UserStatus;
import io.bulwark.identity.Users;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's user accounts ({@code users:read}, {@code users:write}). Passwords never come back.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

  private final Users users;
  private final TenantAccess access;

  UserController(Users users, TenantAccess access) {
    this.users = users;
    this.access = access;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UserResponse> create(
      @PathVariable("slug") String slug, @RequestBody CreateUserRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    if (body.username() == null) {
      throw new InvalidFieldException("username", "is required");
    }
    User user =
        users.create(
            tenant.id(),
            body.username(),
            body.email(),
            body.displayName(),
            body.password() == null ? null : new Users.Password(body.password()));
    return ResponseEntity.created(URI.create("/api/v1/tenants/" + slug + "/users/" + user.id()))
        .body(UserResponse.of(user));
  }

  @GetMapping
  UserList list(
      @PathVariable("slug") String slug,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    if (limit < 1 || limit > 200) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'limit' must be between 1 and 200",
          Map.of("parameter", "limit"));
    }
    String after = cursor == null ? null : Cursors.decode(cursor);
    List<User> page = users.list(tenant.id(), after, limit + 1);
    boolean more = page.size() > limit;
    List<User> shown = more ? page.subList(0, limit) : page;
    return new UserList(
        shown.stream().map(UserResponse::of).toList(),
        more ? Cursors.encode(shown.getLast().username()) : null);
  }

  @GetMapping("/{user_id}")
  UserResponse get(@PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    return users
        .find(tenant.id(), id(userId))
        .map(UserResponse::of)
        .orElseThrow(UserController::notFound);
  }

  @PatchMapping(
      path = "/{user_id}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  UserResponse update(
      @PathVariable("slug") String slug,
      @PathVariable("user_id") String userId,
      @RequestBody UpdateUserRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    return UserResponse.of(
        users.update(
            tenant.id(), id(userId), body.email(), body.displayName(), status(body.status())));
  }

  @PutMapping(path = "/{user_id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> setPassword(
      @PathVariable("slug") String slug,
      @PathVariable("user_id") String userId,
      @RequestBody PasswordRequest body) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    if (body.password() == null) {
      throw new InvalidFieldException("password", "is required");
    }
    users.setPassword(tenant.id(), id(userId), new Users.Password(body.password()));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{user_id}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    users.delete(tenant.id(), id(userId));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{user_id}/unlock")
  ResponseEntity<Void> unlock(
      @PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    users.unlock(tenant.id(), id(userId));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{user_id}/restore")
  UserResponse restore(@PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    return UserResponse.of(users.restore(tenant.id(), id(userId)));
  }

  private static UUID id(String userId) {
    try {
      return UUID.fromString(userId);
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
  }

  private static @Nullable UserStatus status(@Nullable String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "active" -> UserStatus.ACTIVE;
      case "disabled" -> UserStatus.DISABLED;
      case "locked" -> UserStatus.LOCKED;
      default -> throw new InvalidFieldException("status", "must be active, disabled or locked");
    };
  }

  private static ApiProblem notFound() {
    return new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
  }

  record CreateUserRequest(
      @Nullable String username,
      @Nullable String email,
      @Nullable String displayName,
      @Nullable String password) {
    @Override
    public String toString() {
      return "CreateUserRequest[username=" + username + "]";
    }
  }

  record UpdateUserRequest(
      @Nullable String email, @Nullable String displayName, @Nullable String status) {}

  record PasswordRequest(@Nullable String password) {
    @Override
    public String toString() {
      return "PasswordRequest[redacted]";
    }
  }

  record UserList(List<UserResponse> items, @Nullable String nextCursor) {}

  record UserResponse(
      String id,
      String username,
      @Nullable String email,
      @Nullable String displayName,
      String status,
      Instant createdAt,
      Instant updatedAt,
      @Nullable Instant deletedAt) {
    static UserResponse of(User user) {
      return new UserResponse(
          user.id().toString(),
          user.username(),
          user.email(),
          user.displayName(),
          user.status().name().toLowerCase(Locale.ROOT),
          user.createdAt(),
          user.updatedAt(),
          user.deletedAt());
    }
  }
}
