package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.UserSession;
import io.bulwark.identity.UserSessions;
import io.bulwark.identity.Users;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users' sign-in sessions: listing ({@code users:read}) and revocation ({@code users:write}). No
 * token value ever leaves the server here.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

  private final UserSessions sessions;
  private final Users users;
  private final TenantAccess access;

  SessionController(UserSessions sessions, Users users, TenantAccess access) {
    this.sessions = sessions;
    this.users = users;
    this.access = access;
  }

  @GetMapping("/users/{user_id}/sessions")
  SessionList list(@PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_READ);
    return new SessionList(
        sessions.list(tenant.id(), user(tenant.id(), userId)).stream()
            .map(SessionResponse::of)
            .toList());
  }

  @DeleteMapping("/users/{user_id}/sessions")
  ResponseEntity<Void> revokeAll(
      @PathVariable("slug") String slug, @PathVariable("user_id") String userId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    sessions.revokeAll(tenant.id(), user(tenant.id(), userId));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/sessions/{session_id}")
  ResponseEntity<Void> revoke(
      @PathVariable("slug") String slug, @PathVariable("session_id") String sessionId) {
    Tenant tenant = access.require(slug, Permissions.USERS_WRITE);
    if (!sessions.revoke(tenant.id(), sessionId)) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "No such session in this tenant");
    }
    return ResponseEntity.noContent().build();
  }

  private UUID user(TenantId tenant, String userId) {
    UUID id;
    try {
      id = UUID.fromString(userId);
    } catch (IllegalArgumentException notAnId) {
      throw noSuchUser();
    }
    if (users.find(tenant, id).isEmpty()) {
      throw noSuchUser();
    }
    return id;
  }

  private static ApiProblem noSuchUser() {
    return new ApiProblem(ProblemType.NOT_FOUND, "No such user in this tenant");
  }

  record SessionList(List<SessionResponse> items) {}

  record SessionResponse(
      String id,
      String userId,
      String clientId,
      Instant startedAt,
      @Nullable Instant lastRefreshedAt,
      @Nullable Instant expiresAt) {

    static SessionResponse of(UserSession session) {
      return new SessionResponse(
          session.id(),
          session.userId(),
          session.clientId(),
          session.startedAt(),
          session.lastRefreshedAt(),
          session.expiresAt());
    }
  }
}
