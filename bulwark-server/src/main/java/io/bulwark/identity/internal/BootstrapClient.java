package io.bulwark.identity.internal;

import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.tenancy.Tenants;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On start, makes sure the {@code system} tenant has its platform-administrator service client. Its
 * id and secret come from {@code BULWARK_BOOTSTRAP_CLIENT_ID} and {@code
 * BULWARK_BOOTSTRAP_CLIENT_SECRET}; with no secret configured and no client yet, a secret is
 * generated and printed once to the console — never to the log.
 */
@Component
final class BootstrapClient implements ApplicationRunner {

  static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);
  private static final int MINIMUM_SECRET_LENGTH = 32;
  private static final Logger log = LoggerFactory.getLogger(BootstrapClient.class);

  private final Tenants tenants;
  private final RegisteredClientRepository clients;
  private final RoleAssignments roles;
  private final PasswordEncoder secrets;
  private final TransactionTemplate transactions;
  private final String clientId;
  private final String configuredSecret;
  private final PrintStream console;

  BootstrapClient(
      Tenants tenants,
      RegisteredClientRepository clients,
      RoleAssignments roles,
      PasswordEncoder secrets,
      TransactionTemplate transactions,
      @Value("${bulwark.bootstrap.client-id}") String clientId,
      @Value("${bulwark.bootstrap.client-secret}") String configuredSecret) {
    this.tenants = tenants;
    this.clients = clients;
    this.roles = roles;
    this.secrets = secrets;
    this.transactions = transactions;
    this.clientId = clientId;
    this.configuredSecret = configuredSecret;
    this.console = System.err;
    if (!configuredSecret.isEmpty() && configuredSecret.length() < MINIMUM_SECRET_LENGTH) {
      throw new IllegalStateException(
          "BULWARK_BOOTSTRAP_CLIENT_SECRET must be at least "
              + MINIMUM_SECRET_LENGTH
              + " characters");
    }
  }

  @Override
  public void run(ApplicationArguments arguments) {
    TenantId system = tenants.system().id();
    TenantContext.runAs(system, () -> transactions.executeWithoutResult(status -> ensure(system)));
  }

  private void ensure(TenantId system) {
    RegisteredClient existing = clients.findByClientId(clientId);
    if (existing != null) {
      if (!configuredSecret.isEmpty()
          && !secrets.matches(configuredSecret, existing.getClientSecret())) {
        clients.save(
            RegisteredClient.from(existing).clientSecret(secrets.encode(configuredSecret)).build());
        log.atInfo()
            .setMessage("Bootstrap client secret replaced from configuration")
            .addKeyValue("client_id", clientId)
            .log();
      }
      return;
    }
    boolean generated = configuredSecret.isEmpty();
    String secret = generated ? generateSecret() : configuredSecret;
    RegisteredClient client =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(clientId)
            .clientName("Bulwark platform administrator")
            .clientSecret(secrets.encode(secret))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scope("bulwark.admin")
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_TTL).build())
            .build();
    clients.save(client);
    roles.grantToClient(system, client.getId(), BulwarkClaims.PLATFORM_ADMIN_ROLE);
    log.atInfo()
        .setMessage("Bootstrap platform-administrator client registered")
        .addKeyValue("client_id", clientId)
        .log();
    if (generated) {
      printOnce(secret);
    }
  }

  private void printOnce(String secret) {
    console.println();
    console.println("==================================================================");
    console.println(" Bulwark generated the platform-administrator client credentials.");
    console.println(" They are shown this once; store the secret in your secret manager.");
    console.println("   client_id:     " + clientId);
    console.println("   client_secret: " + secret);
    console.println(" Token endpoint: {base}/t/system/oauth2/token (client_secret_basic)");
    console.println("==================================================================");
    console.println();
    console.flush();
  }

  private static String generateSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
