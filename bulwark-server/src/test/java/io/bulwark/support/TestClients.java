package io.bulwark.support;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Registers service clients (without roles) directly, until the identity API offers client
 * management.
 */
@Component
public final class TestClients {

  private final RegisteredClientRepository clients;
  private final PasswordEncoder secrets;

  TestClients(RegisteredClientRepository clients, PasswordEncoder secrets) {
    this.clients = clients;
    this.secrets = secrets;
  }

  public void register(TenantId tenant, String clientId, String secret) {
    TenantContext.runAs(
        tenant,
        () ->
            clients.save(
                RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(clientId)
                    .clientSecret(secrets.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .build()));
  }
}
