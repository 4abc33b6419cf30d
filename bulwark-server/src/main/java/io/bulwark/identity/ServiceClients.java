package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.time.Duration;
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
   * A client with its secret, when one was just made.
   *
   * @param client the client
   * @param secret the secret in the clear, only at creation and rotation
   */
  record Registered(ServiceClient client, @Nullable ClientSecret secret) {}
}
