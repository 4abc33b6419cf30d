package io.bulwark.tenancy.internal;

import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantChanges;
import io.bulwark.tenancy.TenantCreated;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.TenantStatus;
import io.bulwark.tenancy.TenantStatusChanged;
import io.bulwark.tenancy.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant registry on PostgreSQL. Lookups by slug or id, made on every request, are served from
 * a short-lived cache; a change made on this node is visible at once, one made on another node
 * within {@link #CACHE_TTL}.
 */
@Service
class TenantRegistry implements Tenants {

  static final Duration CACHE_TTL = Duration.ofSeconds(5);
  private static final String COLUMNS =
      "id, slug, display_name, region, status, created_at, updated_at";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> bySlug = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TenantId, Cached> byId = new ConcurrentHashMap<>();

  TenantRegistry(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = Clock.systemUTC();
  }

  @Override
  @Transactional
  public Tenant create(NewTenant tenant) {
    Instant now = clock.instant();
    TenantId id = new TenantId(UUID.randomUUID());
    try {
      jdbc.sql(
              "insert into tenants (id, slug, display_name, region, status, created_at,"
                  + " updated_at) values (?, ?, ?, ?, 'active', ?, ?)")
          .params(
              id.value(),
              tenant.slug().value(),
              tenant.displayName(),
              tenant.region(),
              java.sql.Timestamp.from(now),
              java.sql.Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new ApiProblem(
          ProblemType.ALREADY_EXISTS,
          "A tenant with slug '" + tenant.slug() + "' already exists",
          java.util.Map.of("field", "slug"));
    }
    events.publishEvent(new TenantCreated(id, tenant.slug(), tenant.region()));
    return new Tenant(
        id, tenant.slug(), tenant.displayName(), tenant.region(), TenantStatus.ACTIVE, now, now);
  }

  @Override
  public Optional<Tenant> find(TenantSlug slug) {
    Cached cached = bySlug.get(slug.value());
    Instant now = clock.instant();
    if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
      return Optional.ofNullable(cached.tenant());
    }
    Optional<Tenant> loaded =
        jdbc.sql("select " + COLUMNS + " from tenants where slug = ?")
            .param(slug.value())
            .query(TenantRegistry::map)
            .optional();
    bySlug.put(slug.value(), new Cached(loaded.orElse(null), now));
    return loaded;
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    Cached cached = byId.get(id);
    Instant now = clock.instant();
    if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
      return Optional.ofNullable(cached.tenant());
    }
    Optional<Tenant> loaded =
        jdbc.sql("select " + COLUMNS + " from tenants where id = ?")
            .param(id.value())
            .query(TenantRegistry::map)
            .optional();
    byId.put(id, new Cached(loaded.orElse(null), now));
    return loaded;
  }

  @Override
  public TenantPage list(@Nullable TenantSlug after, int limit) {
    if (limit < 1 || limit > 200) {
      throw new IllegalArgumentException("limit must be 1 to 200, was " + limit);
    }
    List<Tenant> rows =
        jdbc.sql("select " + COLUMNS + " from tenants where slug > ? order by slug limit ?")
            .params(after == null ? "" : after.value(), limit + 1)
            .query(TenantRegistry::map)
            .list();
    if (rows.size() <= limit) {
      return new TenantPage(rows, Optional.empty());
    }
    List<Tenant> page = rows.subList(0, limit);
    return new TenantPage(page, Optional.of(page.getLast().slug()));
  }

  @Override
  @Transactional
  public Tenant update(TenantSlug slug, TenantChanges changes) {
    Tenant current =
        jdbc.sql("select " + COLUMNS + " from tenants where slug = ? for update")
            .param(slug.value())
            .query(TenantRegistry::map)
            .optional()
            .orElseThrow(() -> notFound(slug));
    String displayName =
        changes.displayName() == null ? current.displayName() : changes.displayName();
    TenantStatus status = changes.status() == null ? current.status() : changes.status();
    Instant now = clock.instant();
    jdbc.sql("update tenants set display_name = ?, status = ?, updated_at = ? where id = ?")
        .params(displayName, dbStatus(status), java.sql.Timestamp.from(now), current.id().value())
        .update();
    bySlug.remove(slug.value());
    byId.remove(current.id());
    if (status != current.status()) {
      events.publishEvent(new TenantStatusChanged(current.id(), slug, current.status(), status));
    }
    return new Tenant(
        current.id(), slug, displayName, current.region(), status, current.createdAt(), now);
  }

  @Override
  public Tenant system() {
    return find(TenantSlug.SYSTEM)
        .orElseThrow(() -> new IllegalStateException("The system tenant is missing"));
  }

  static ApiProblem notFound(TenantSlug slug) {
    return new ApiProblem(ProblemType.TENANT_NOT_FOUND, "No tenant '" + slug + "'");
  }

  private static String dbStatus(TenantStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Tenant map(ResultSet row, int rowNumber) throws SQLException {
    return new Tenant(
        new TenantId(row.getObject("id", UUID.class)),
        new TenantSlug(row.getString("slug")),
        row.getString("display_name"),
        row.getString("region"),
        TenantStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private record Cached(@Nullable Tenant tenant, Instant loadedAt) {}
}
