package io.bulwark.identity.web;

import io.bulwark.authorization.Permission;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.Role;
import io.bulwark.authorization.Roles;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The roles that can be assigned in a tenant ({@code roles:read}): the built-in tenant roles, and
 * in the system tenant also the platform roles.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}/roles", produces = MediaType.APPLICATION_JSON_VALUE)
class RoleController {

  private final Roles roles;
  private final Tenants tenants;
  private final TenantAccess access;

  RoleController(Roles roles, Tenants tenants, TenantAccess access) {
    this.roles = roles;
    this.tenants = tenants;
    this.access = access;
  }

  @GetMapping
  RoleList list(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.ROLES_READ);
    return new RoleList(
        roles.builtIn().stream()
            .filter(role -> assignableIn(tenant, role))
            .map(RoleResponse::of)
            .toList());
  }

  @GetMapping("/{name}")
  RoleResponse get(@PathVariable("slug") String slug, @PathVariable("name") String name) {
    Tenant tenant = access.require(slug, Permissions.ROLES_READ);
    return roles
        .find(name)
        .filter(role -> assignableIn(tenant, role))
        .map(RoleResponse::of)
        .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No such role in this tenant"));
  }

  private boolean assignableIn(Tenant tenant, Role role) {
    return role.scope() == Role.Scope.TENANT || tenants.system().id().equals(tenant.id());
  }

  record RoleList(List<RoleResponse> items) {}

  record RoleResponse(
      String name, String description, String scope, boolean narrowable, List<String> permissions) {

    static RoleResponse of(Role role) {
      return new RoleResponse(
          role.name(),
          role.description(),
          role.scope().name().toLowerCase(Locale.ROOT),
          role.narrowable(),
          role.permissions().stream().map(Permission::value).sorted().toList());
    }
  }
}
