package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Registration and management of a tenant's OAuth 2.0 clients and their roles. */
public interface ServiceClients {

  /**
   * Registers a client. A confidential client using a secret gets a generated one, returned here
   * once and stored only as a hash.
   *
   * @param tenant the owning tenant
   * @param client what to register
   * @return the client, and its secret when it has one
   * @throws io.bulwark.platform.problem.ApiProblem 409 when the client id is taken in the tenant
   */
  Registered register(TenantId tenant, NewServiceClient client);

  /**
   * @param tenant a tenant
   * @return its clients in client-id order
   */
  List<ServiceClient> list(TenantId tenant);

  /**
   * @param tenant a tenant
   * @param clientId a client id
   * @return the client, if the tenant has it
   */
  Optional<ServiceClient> find(TenantId tenant, String clientId);

  /**
   * Replaces the secret. The old one keeps working for the overlap, so deployments can roll over.
   *
   * @param tenant the tenant
   * @param clientId the client
   * @param overlap how long the old secret stays valid (zero revokes it at once)
   * @return the client and its new secret
   */
  Registered rotateSecret(TenantId tenant, String clientId, Duration overlap);

  /**
   * Removes a client, its role assignments and its tokens' records.
   *
   * @param tenant the tenant
   * @param clientId the client
   * @return whether it existed
   */
  boolean delete(TenantId tenant, String clientId);

  /**
   * Grants a built-in role to a client, optionally until a moment.
   *
   * @param tenant the tenant
   * @param clientId the client
   * @param role the role name
   * @param expiresAt when the grant lapses, or null
   */
  default void grantRole(
      TenantId tenant, String clientId, String role, @Nullable Instant expiresAt) {
    grantRole(tenant, clientId, role, expiresAt, null);
  }

  /**
   * Grants a built-in role to a client, optionally until a moment and optionally narrowed to the
   * resources under a path prefix (only for roles that {@link
   * io.bulwark.authorization.Role#narrowable() can be narrowed}). A client may hold a role on
   * several prefixes.
   *
   * @param tenant the tenant
   * @param clientId the client
   * @param role the role name
   * @param expiresAt when the grant lapses, or null
   * @param resourcePrefix the path prefix, such as {@code payments/}, or null for the whole tenant
   */
  void grantRole(
      TenantId tenant,
      String clientId,
      String role,
      @Nullable Instant expiresAt,
      @Nullable String resourcePrefix);

  /**
   * @param tenant the tenant
   * @param clientId the client
   * @param role the role name
   * @return whether the client held it (on any prefix: all its assignments of the role go)
   */
  boolean revokeRole(TenantId tenant, String clientId, String role);

  /**
   * A client with its secret, when one was just made.
   *
   * @param client the client
   * @param secret the secret in the clear, only at creation and rotation
   */
  record Registered(ServiceClient client, @Nullable ClientSecret secret) {}
}
