package io.bulwark.identity.internal;

import io.bulwark.identity.IdentitySettingChanged;
import io.bulwark.identity.ServiceClientChanged;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Remembers the tenants' registered clients for a few seconds, so that a token request does not
 * read and JSON-parse the client's row (a profile of client_credentials issuance put that at ≈ 7 %
 * of the server's CPU). A change made on this node ({@link #save}, or any change announced as
 * {@link ServiceClientChanged}: registration, secret rotation, deletion; or a change of the
 * tenant's token lifetimes, {@link IdentitySettingChanged}) takes effect at once: the tenant's
 * entries are dropped when it happens and again when its transaction ends, so a read racing the
 * commit cannot keep the old row. A change made on another node takes effect here within the time
 * to live. Unknown clients are not remembered.
 */
final class CachingRegisteredClientRepository implements RegisteredClientRepository {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  private static final int MAX_ENTRIES = 10_000;

  private final RegisteredClientRepository delegate;
  private final Clock clock;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  CachingRegisteredClientRepository(RegisteredClientRepository delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public void save(RegisteredClient client) {
    delegate.save(client);
    TenantContext.current().ifPresent(this::forget);
  }

  @Override
  public @Nullable RegisteredClient findById(String id) {
    return cached(Kind.ID, id, () -> delegate.findById(id));
  }

  @Override
  public @Nullable RegisteredClient findByClientId(String clientId) {
    return cached(Kind.CLIENT_ID, clientId, () -> delegate.findByClientId(clientId));
  }

  @EventListener
  void on(ServiceClientChanged changed) {
    forget(changed.tenantId());
  }

  /** The tenant's token lifetimes are part of the clients this returns. */
  @EventListener
  void on(IdentitySettingChanged changed) {
    if (changed.setting() == IdentitySettingChanged.Setting.TOKENS) {
      forget(changed.tenantId());
    }
  }

  private @Nullable RegisteredClient cached(
      Kind kind, String value, Supplier<@Nullable RegisteredClient> load) {
    Optional<TenantId> tenant = TenantContext.current();
    if (tenant.isEmpty()) {
      return load.get();
    }
    Key key = new Key(tenant.get(), kind, value);
    Instant now = clock.instant();
    Entry entry = entries.get(key);
    if (entry != null && now.isBefore(entry.expiresAt())) {
      return entry.client();
    }
    RegisteredClient loaded = load.get();
    if (loaded == null) {
      entries.remove(key);
      return null;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(loaded, now.plus(TIME_TO_LIVE)));
    return loaded;
  }

  private void forget(TenantId tenant) {
    Forgetting.nowAndAfterTransaction(
        () -> entries.keySet().removeIf(key -> key.tenant().equals(tenant)));
  }

  private enum Kind {
    ID,
    CLIENT_ID
  }

  private record Key(TenantId tenant, Kind kind, String value) {}

  private record Entry(RegisteredClient client, Instant expiresAt) {}
}
