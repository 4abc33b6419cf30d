package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.NewRoleAssignment;
import io.bulwark.identity.NewServiceClient;
import io.bulwark.identity.PrincipalRoles;
import io.bulwark.identity.RoleAssignment;
import io.bulwark.identity.ServiceClient;
import io.bulwark.identity.ServiceClients;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's OAuth 2.0 clients ({@code clients:read}, {@code clients:write}) and their roles
 * ({@code roles:write}). Secrets appear only in the response that creates or rotates them.
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/clients",
    produces = MediaType.APPLICATION_JSON_VALUE)
class ClientController {

  private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  private final ServiceClients clients;
  private final PrincipalRoles principalRoles;
  private final TenantAccess access;

  ClientController(ServiceClients clients, PrincipalRoles principalRoles, TenantAccess access) {
    this.clients = clients;
    this.principalRoles = principalRoles;
    this.access = access;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ClientWithSecret> register(
      @PathVariable("slug") String slug, @RequestBody RegisterRequest body) {
    Tenant tenant = access.require(slug, Permissions.CLIENTS_WRITE);
    ServiceClients.Registered registered =
        clients.register(
            tenant.id(),
            new NewServiceClient(
                body.clientId(),
                body.name(),
                type(body.type()),
                body.authenticationMethod(),
                body.grantTypes(),
                body.scopes(),
                body.redirectUris(),
                body.jwksUri()));
    return ResponseEntity.created(
            URI.create("/api/v1/tenants/" + slug + "/clients/" + registered.client().clientId()))
        .cacheControl(CacheControl.noStore())
        .body(ClientWithSecret.of(registered));
  }

  @GetMapping
  ClientList list(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.CLIENTS_READ);
    return new ClientList(clients.list(tenant.id()).stream().map(ClientResponse::of).toList());
  }

  @GetMapping("/{client_id}")
  ClientResponse get(
      @PathVariable("slug") String slug, @PathVariable("client_id") String clientId) {
    Tenant tenant = access.require(slug, Permissions.CLIENTS_READ);
    return clients
        .find(tenant.id(), clientId)
        .map(ClientResponse::of)
        .orElseThrow(() -> notFound(clientId));
  }

  @DeleteMapping("/{client_id}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug, @PathVariable("client_id") String clientId) {
    Tenant tenant = access.require(slug, Permissions.CLIENTS_WRITE);
    if (!clients.delete(tenant.id(), clientId)) {
      throw notFound(clientId);
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{client_id}/secret")
  ResponseEntity<ClientWithSecret> rotateSecret(
      @PathVariable("slug") String slug,
      @PathVariable("client_id") String clientId,
      @RequestBody(required = false) @Nullable RotateSecretRequest body) {
    Tenant tenant = access.require(slug, Permissions.CLIENTS_WRITE);
    Duration overlap =
        body == null || body.overlapSeconds() == null
            ? DEFAULT_OVERLAP
            : Duration.ofSeconds(body.overlapSeconds());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(ClientWithSecret.of(clients.rotateSecret(tenant.id(), clientId, overlap)));
  }

  @PutMapping("/{client_id}/roles/{role}")
  ResponseEntity<Void> grantRole(
      @PathVariable("slug") String slug,
      @PathVariable("client_id") String clientId,
      @PathVariable("role") String role,
      @RequestBody(required = false) @Nullable GrantRequest body) {
    Tenant tenant = access.require(slug, Permissions.ROLES_WRITE);
    principalRoles.grant(
        tenant.id(),
        new NewRoleAssignment(
            RoleAssignment.PrincipalType.CLIENT,
            clientId,
            role,
            body == null ? null : body.resourcePrefix(),
            body == null ? null : body.expiresAt()));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{client_id}/roles/{role}")
  ResponseEntity<Void> revokeRole(
      @PathVariable("slug") String slug,
      @PathVariable("client_id") String clientId,
      @PathVariable("role") String role) {
    Tenant tenant = access.require(slug, Permissions.ROLES_WRITE);
    if (!principalRoles.revokeAll(
        tenant.id(), RoleAssignment.PrincipalType.CLIENT, clientId, role)) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "The client does not hold that role");
    }
    return ResponseEntity.noContent().build();
  }

  private static ServiceClient.ClientType type(@Nullable String type) {
    if (type == null) {
      return ServiceClient.ClientType.CONFIDENTIAL;
    }
    return switch (type) {
      case "confidential" -> ServiceClient.ClientType.CONFIDENTIAL;
      case "public" -> ServiceClient.ClientType.PUBLIC;
      default -> throw new InvalidFieldException("type", "must be 'confidential' or 'public'");
    };
  }

  private static ApiProblem notFound(String clientId) {
    return new ApiProblem(ProblemType.NOT_FOUND, "No client '" + clientId + "' in this tenant");
  }

  record RegisterRequest(
      @Nullable String clientId,
      @Nullable String name,
      @Nullable String type,
      @Nullable String authenticationMethod,
      @Nullable List<String> grantTypes,
      @Nullable List<String> scopes,
      @Nullable List<String> redirectUris,
      @Nullable String jwksUri) {}

  record RotateSecretRequest(@Nullable Long overlapSeconds) {}

  record GrantRequest(@Nullable Instant expiresAt, @Nullable String resourcePrefix) {}

  record ClientList(List<ClientResponse> items) {}

  record ClientResponse(
      String clientId,
      String name,
      String type,
      String authenticationMethod,
      List<String> grantTypes,
      List<String> scopes,
      List<String> redirectUris,
      List<String> roles,
      Instant createdAt,
      @Nullable Instant previousSecretExpiresAt) {

    static ClientResponse of(ServiceClient client) {
      return new ClientResponse(
          client.clientId(),
          client.name(),
          client.type().name().toLowerCase(Locale.ROOT),
          client.authenticationMethod(),
          client.grantTypes(),
          client.scopes(),
          client.redirectUris(),
          client.roles(),
          client.createdAt(),
          client.previousSecretExpiresAt());
    }
  }

  record ClientWithSecret(ClientResponse client, @Nullable String clientSecret) {
    static ClientWithSecret of(ServiceClients.Registered registered) {
      return new ClientWithSecret(
          ClientResponse.of(registered.client()),
          registered.secret() == null ? null : registered.secret().revealForResponse());
    }
  }
}
