package io.bulwark.support;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Registers service clients, with roles, directly in the database, until the identity API offers
 * client management.
 */
@Component
public final class TestClients {

  private final RegisteredClientRepository clients;
  private final PasswordEncoder secrets;
  private final JdbcClient jdbc;

  TestClients(RegisteredClientRepository clients, PasswordEncoder secrets, JdbcClient jdbc) {
    this.clients = clients;
    this.secrets = secrets;
    this.jdbc = jdbc;
  }

  /**
   * Registers a client_credentials client in a tenant, holding the given built-in roles (such as
   * {@code tenant-admin}, {@code redactor}, {@code audit-writer}).
   */
  public void register(TenantId tenant, String clientId, String secret, String... roles) {
    String id = UUID.randomUUID().toString();
    TenantContext.runAs(
        tenant,
        () -> {
          clients.save(
              RegisteredClient.withId(id)
                  .clientId(clientId)
                  .clientSecret(secrets.encode(secret))
                  .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                  .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                  .build());
          for (String role : roles) {
            jdbc.sql(
                    "insert into role_assignments (tenant_id, principal_type, principal_id, role)"
                        + " values (?, 'client', ?, ?)")
                .params(tenant.value(), id, role)
                .update();
          }
        });
  }
}
