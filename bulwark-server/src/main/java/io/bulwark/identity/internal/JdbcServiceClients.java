package io.bulwark.identity.internal;

import io.bulwark.identity.ClientSecret;
import io.bulwark.identity.NewServiceClient;
import io.bulwark.identity.ServiceClient;
import io.bulwark.identity.ServiceClientChanged;
import io.bulwark.identity.ServiceClients;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients on Spring Security's JDBC registered-client repository, whose table is tenant-owned under
 * row-level security. Secrets are 256-bit random values, returned once and stored as salted
 * HMAC-SHA256; rotation keeps the old secret valid for an overlap window.
 */
@Service
class JdbcServiceClients implements ServiceClients {

  static final Duration MAX_OVERLAP = Duration.ofDays(7);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RegisteredClientRepository repository;
  private final JdbcClient jdbc;
  private final RoleAssignments roleAssignments;
  private final TransactionTemplate transactions;
  private final ClientSecretEncoder hashes = new ClientSecretEncoder();
  private final Clock clock = Clock.systemUTC();
  private final ApplicationEventPublisher events;

  JdbcServiceClients(
      RegisteredClientRepository repository,
      JdbcClient jdbc,
      RoleAssignments roleAssignments,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.events = events;
    this.repository = repository;
    this.jdbc = jdbc;
    this.roleAssignments = roleAssignments;
    this.transactions = transactions;
  }

  @Override
  public Registered register(TenantId tenant, NewServiceClient request) {
    return inTenant(
        tenant,
        () -> {
          String clientId =
              request.clientId() != null ? request.clientId() : "client-" + randomToken(9);
          if (repository.findByClientId(clientId) != null) {
            throw new ApiProblem(
                ProblemType.ALREADY_EXISTS,
                "A client '" + clientId + "' already exists in this tenant",
                Map.of("field", "client_id"));
          }
          boolean hasSecret = request.authenticationMethod().equals("client_secret_basic");
          ClientSecret secret = hasSecret ? new ClientSecret(randomToken(32)) : null;
          RegisteredClient.Builder builder =
              RegisteredClient.withId(UUID.randomUUID().toString())
                  .clientId(clientId)
                  .clientName(request.name())
                  .clientAuthenticationMethod(
                      new ClientAuthenticationMethod(request.authenticationMethod()));
          request
              .grantTypes()
              .forEach(g -> builder.authorizationGrantType(new AuthorizationGrantType(g)));
          request.scopes().forEach(builder::scope);
          request.redirectUris().forEach(builder::redirectUri);
          if (secret != null) {
            builder.clientSecret(
                "{" + ClientSecretEncoder.ID + "}" + hashes.encode(secret.revealForResponse()));
          }
          ClientSettings.Builder settings =
              ClientSettings.builder()
                  .requireProofKey(request.type() == ServiceClient.ClientType.PUBLIC)
                  .requireAuthorizationConsent(false);
          if (request.jwksUri() != null) {
            settings
                .jwkSetUrl(request.jwksUri())
                .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
          }
          RegisteredClient client =
              builder
                  .clientSettings(settings.build())
                  .tokenSettings(
                      TokenSettings.builder()
                          .accessTokenTimeToLive(BootstrapClient.ACCESS_TOKEN_TTL)
                          .reuseRefreshTokens(false)
                          .build())
                  .build();
          repository.save(client);
          changed(tenant, clientId, ServiceClientChanged.Change.REGISTERED);
          return new Registered(view(tenant, client), secret);
        });
  }

  @Override
  public List<ServiceClient> list(TenantId tenant) {
    return inTenant(
        tenant,
        () ->
            jdbc
                .sql(
                    "select client_id from oauth2_registered_client where tenant_id = ?"
                        + " order by client_id")
                .param(tenant.value())
                .query(String.class)
                .list()
                .stream()
                .map(repository::findByClientId)
                .map(client -> view(tenant, client))
                .toList());
  }

  @Override
  public Optional<ServiceClient> find(TenantId tenant, String clientId) {
    return inTenant(
        tenant,
        () -> Optional.ofNullable(repository.findByClientId(clientId)).map(c -> view(tenant, c)));
  }

  @Override
  public Registered rotateSecret(TenantId tenant, String clientId, Duration overlap) {
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw new InvalidFieldException("overlap_seconds", "must be 0 to " + MAX_OVERLAP.toSeconds());
    }
    return inTenant(
        tenant,
        () -> {
          RegisteredClient existing = require(clientId);
          String stored = existing.getClientSecret();
          if (stored == null) {
            throw new ApiProblem(
                ProblemType.INVALID_FIELD,
                "Client '" + clientId + "' authenticates without a secret",
                Map.of("field", "client_id"));
          }
          ClientSecret secret = new ClientSecret(randomToken(32));
          String newHash = hashes.encode(secret.revealForResponse());
          String updated =
              overlap.isZero()
                  ? "{" + ClientSecretEncoder.ID + "}" + newHash
                  : RotatingSecretEncoder.encoded(
                      newHash, currentHash(stored), clock.instant().plus(overlap));
          RegisteredClient rotated = RegisteredClient.from(existing).clientSecret(updated).build();
          repository.save(rotated);
          changed(tenant, clientId, ServiceClientChanged.Change.SECRET_ROTATED);
          return new Registered(view(tenant, rotated), secret);
        });
  }

  @Override
  public boolean delete(TenantId tenant, String clientId) {
    return inTenant(
        tenant,
        () -> {
          RegisteredClient existing = repository.findByClientId(clientId);
          if (existing == null) {
            return false;
          }
          jdbc.sql(
                  "delete from role_assignments where tenant_id = ? and principal_type = 'client'"
                      + " and principal_id = ?")
              .params(tenant.value(), existing.getId())
              .update();
          jdbc.sql(
                  "delete from oauth2_authorization where tenant_id = ? and registered_client_id = ?")
              .params(tenant.value(), existing.getId())
              .update();
          jdbc.sql("delete from oauth2_registered_client where tenant_id = ? and id = ?")
              .params(tenant.value(), existing.getId())
              .update();
          changed(tenant, clientId, ServiceClientChanged.Change.DELETED);
          return true;
        });
  }

  private void changed(TenantId tenant, String clientId, ServiceClientChanged.Change change) {
    events.publishEvent(new ServiceClientChanged(tenant, clientId, change));
  }

  private RegisteredClient require(String clientId) {
    RegisteredClient client = repository.findByClientId(clientId);
    if (client == null) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "No client '" + clientId + "' in this tenant");
    }
    return client;
  }

  private ServiceClient view(TenantId tenant, RegisteredClient client) {
    String method =
        client.getClientAuthenticationMethods().stream()
            .findFirst()
            .map(m -> m.getValue())
            .orElse("none");
    String stored = client.getClientSecret();
    Instant previousExpires = null;
    if (stored != null && stored.startsWith("{" + RotatingSecretEncoder.ID + "}")) {
      Instant until =
          Instant.ofEpochSecond(Long.parseLong(stored.substring(stored.lastIndexOf('|') + 1)));
      previousExpires = until.isAfter(clock.instant()) ? until : null;
    }
    return new ServiceClient(
        client.getClientId(),
        client.getClientName(),
        method.equals("none")
            ? ServiceClient.ClientType.PUBLIC
            : ServiceClient.ClientType.CONFIDENTIAL,
        method,
        client.getAuthorizationGrantTypes().stream()
            .map(AuthorizationGrantType::getValue)
            .sorted()
            .toList(),
        client.getScopes().stream().sorted().toList(),
        client.getRedirectUris().stream().sorted().toList(),
        roleAssignments.rolesOfClient(tenant, client.getId()),
        client.getClientIdIssuedAt() == null ? clock.instant() : client.getClientIdIssuedAt(),
        previousExpires);
  }

  private static String currentHash(String stored) {
    String body = stored.substring(stored.indexOf('}') + 1);
    return stored.startsWith("{" + RotatingSecretEncoder.ID + "}") ? body.split("\\|")[0] : body;
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  private static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
