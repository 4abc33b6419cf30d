package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.NewRoleAssignment;
import io.bulwark.identity.PrincipalRoles;
import io.bulwark.identity.RoleAssignment;
import io.bulwark.identity.RoleAssignment.PrincipalType;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Roles held by a tenant's users and clients: grant ({@code roles:write}), list with filters
 * ({@code roles:read}) and revoke ({@code roles:write}).
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/role-assignments",
    produces = MediaType.APPLICATION_JSON_VALUE)
class RoleAssignmentController {

  private final PrincipalRoles roles;
  private final TenantAccess access;

  RoleAssignmentController(PrincipalRoles roles, TenantAccess access) {
    this.roles = roles;
    this.access = access;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AssignmentResponse> grant(
      @PathVariable("slug") String slug, @RequestBody GrantRequest body) {
    Tenant tenant = access.require(slug, Permissions.ROLES_WRITE);
    PrincipalType type = principalType(body.principalType());
    if (type == null) {
      throw new InvalidFieldException("principal_type", "is required: 'user' or 'client'");
    }
    if (body.principalId() == null || body.principalId().isBlank()) {
      throw new InvalidFieldException("principal_id", "is required");
    }
    if (body.role() == null || body.role().isBlank()) {
      throw new InvalidFieldException("role", "is required");
    }
    RoleAssignment granted =
        roles.grant(
            tenant.id(),
            new NewRoleAssignment(
                type, body.principalId(), body.role(), body.resourcePrefix(), body.expiresAt()));
    return ResponseEntity.created(
            URI.create("/api/v1/tenants/" + slug + "/role-assignments/" + granted.id()))
        .body(AssignmentResponse.of(granted));
  }

  @GetMapping
  AssignmentList list(
      @PathVariable("slug") String slug,
      @RequestParam(name = "principal_type", required = false) @Nullable String principalType,
      @RequestParam(name = "principal_id", required = false) @Nullable String principalId,
      @RequestParam(name = "role", required = false) @Nullable String role) {
    Tenant tenant = access.require(slug, Permissions.ROLES_READ);
    PrincipalType type;
    try {
      type = principalType(principalType);
    } catch (InvalidFieldException e) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'principal_type' must be 'user' or 'client'",
          Map.of("parameter", "principal_type"));
    }
    return new AssignmentList(
        roles.list(tenant.id(), type, principalId, role).stream()
            .map(AssignmentResponse::of)
            .toList());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable("slug") String slug, @PathVariable("id") String id) {
    Tenant tenant = access.require(slug, Permissions.ROLES_WRITE);
    UUID assignment;
    try {
      assignment = UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      throw notFound();
    }
    if (!roles.revoke(tenant.id(), assignment)) {
      throw notFound();
    }
    return ResponseEntity.noContent().build();
  }

  private static @Nullable PrincipalType principalType(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "user" -> PrincipalType.USER;
      case "client" -> PrincipalType.CLIENT;
      default -> throw new InvalidFieldException("principal_type", "must be 'user' or 'client'");
    };
  }

  private static ApiProblem notFound() {
    return new ApiProblem(ProblemType.NOT_FOUND, "No such role assignment in this tenant");
  }

  record GrantRequest(
      @Nullable String principalType,
      @Nullable String principalId,
      @Nullable String role,
      @Nullable String resourcePrefix,
      @Nullable Instant expiresAt) {}

  record AssignmentList(List<AssignmentResponse> items) {}

  record AssignmentResponse(
      UUID id,
      String principalType,
      String principalId,
      String role,
      @Nullable String resourcePrefix,
      @Nullable Instant expiresAt,
      Instant grantedAt) {

    static AssignmentResponse of(RoleAssignment assignment) {
      return new AssignmentResponse(
          assignment.id(),
          assignment.principalType().value(),
          assignment.principalId(),
          assignment.role(),
          assignment.resourcePrefix(),
          assignment.expiresAt(),
          assignment.grantedAt());
    }
  }
}
