package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.identity.ServiceClientChanged;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

class CachingRegisteredClientRepositoryTests {

  private final TenantId acme = TenantId.parse(UUID.randomUUID().toString());
  private final TenantId globex = TenantId.parse(UUID.randomUUID().toString());
  private final CountingRepository database = new CountingRepository();
  private final MutableClock clock = new MutableClock();
  private final CachingRegisteredClientRepository cache =
      new CachingRegisteredClientRepository(database, clock);

  @Test
  void secondLookupWithinTheTimeToLiveThenServedWithoutTheDatabase() {
    database.put(acme, client("billing", "secret-1"));
    TenantContext.runAs(
        acme,
        () -> {
          assertThat(cache.findByClientId("billing")).isNotNull();
          assertThat(cache.findByClientId("billing")).isNotNull();
        });
    assertThat(database.reads).isEqualTo(1);
  }

  @Test
  void changeAnnouncedForTheTenantThenTheNextLookupReadsTheNewRow() {
    database.put(acme, client("billing", "secret-1"));
    TenantContext.runAs(acme, () -> cache.findByClientId("billing"));
    database.put(acme, client("billing", "secret-2"));
    cache.on(new ServiceClientChanged(acme, "billing", ServiceClientChanged.Change.SECRET_ROTATED));
    RegisteredClient reread = TenantContext.callAs(acme, () -> cache.findByClientId("billing"));
    assertThat(reread.getClientSecret()).isEqualTo("secret-2");
  }

  @Test
  void deletedClientThenNotServedFromMemory() {
    database.put(acme, client("billing", "secret-1"));
    TenantContext.runAs(acme, () -> cache.findByClientId("billing"));
    database.remove(acme, "billing");
    cache.on(new ServiceClientChanged(acme, "billing", ServiceClientChanged.Change.DELETED));
    assertThat(TenantContext.callAs(acme, () -> cache.findByClientId("billing"))).isNull();
  }

  @Test
  void afterTheTimeToLiveThenReadAgain() {
    database.put(acme, client("billing", "secret-1"));
    TenantContext.runAs(acme, () -> cache.findByClientId("billing"));
    clock.advance(CachingRegisteredClientRepository.TIME_TO_LIVE.plusMillis(1));
    TenantContext.runAs(acme, () -> cache.findByClientId("billing"));
    assertThat(database.reads).isEqualTo(2);
  }

  @Test
  void anotherTenantsLookupOfTheSameClientIdThenNotServedTheFirstTenantsClient() {
    database.put(acme, client("billing", "acme-secret"));
    TenantContext.runAs(acme, () -> cache.findByClientId("billing"));
    assertThat(TenantContext.callAs(globex, () -> cache.findByClientId("billing"))).isNull();
  }

  @Test
  void unknownClientsAndLookupsOutsideATenantThenNotRemembered() {
    TenantContext.runAs(acme, () -> cache.findByClientId("nobody"));
    TenantContext.runAs(acme, () -> cache.findByClientId("nobody"));
    database.put(acme, client("billing", "s"));
    cache.findByClientId("billing");
    cache.findByClientId("billing");
    assertThat(database.reads).isEqualTo(4);
  }

  private static RegisteredClient client(String clientId, String secret) {
    return RegisteredClient.withId(clientId + "-id")
        .clientId(clientId)
        .clientSecret(secret)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .build();
  }

  /** Rows per tenant, as row-level security shows them, counting every read. */
  private static final class CountingRepository implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> rows = new HashMap<>();
    int reads;

    void put(TenantId tenant, RegisteredClient client) {
      rows.put(tenant + "/" + client.getClientId(), client);
    }

    void remove(TenantId tenant, String clientId) {
      rows.remove(tenant + "/" + clientId);
    }

    @Override
    public void save(RegisteredClient client) {
      put(TenantContext.current().orElseThrow(), client);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
      reads++;
      return rows.values().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
      reads++;
      return rows.get(TenantContext.current().map(TenantId::toString).orElse("") + "/" + clientId);
    }
  }

  private static final class MutableClock extends Clock {

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
