package io.bulwark.config.internal;

import io.bulwark.audit.AuditCaller;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.config.ConfigChange;
import io.bulwark.config.ConfigChangePage;
import io.bulwark.config.ConfigKey;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versioned, audited JSON documents per tenant, kind and key, shared by settings and flags. A
 * writer locks the key's row, so versions are numbered without gaps and check-and-set is exact; it
 * also bumps the kind's revision, which serialises writers of one tenant and kind (config is
 * written rarely and read often).
 */
@Component
final class ConfigDocuments {

  private static final int MAX_AUDITED_PATHS = 32;
  private static final int MAX_AUDITED_PATH_LENGTH = 200;

  private final JdbcClient jdbc;
  private final AuditLedger ledger;
  private final TransactionTemplate transactions;
  private final JsonMapper json = JsonMapper.builder().build();

  ConfigDocuments(JdbcClient jdbc, AuditLedger ledger, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.transactions = transactions;
  }

  /** The two kinds of document, with the names their audit events use. */
  enum Kind {
    SETTING("setting", "config_setting", "config.setting_changed", "config.setting_deleted"),
    FLAG("flag", "feature_flag", "config.flag_changed", "config.flag_deleted");

    final String column;
    final String resourceType;
    final String changedAction;
    final String deletedAction;

    Kind(String column, String resourceType, String changedAction, String deletedAction) {
      this.column = column;
      this.resourceType = resourceType;
      this.changedAction = changedAction;
      this.deletedAction = deletedAction;
    }
  }

  /** A live document. */
  record Stored(ConfigKey key, ObjectNode document, int version, Instant updatedAt) {}

  /**
   * Writes a new version unless the document would not change.
   *
   * @param next computes the new document from the current one (null when absent or deleted); may
   *     throw to refuse the change
   */
  Stored put(
      TenantId tenant,
      Kind kind,
      ConfigKey key,
      Function<@Nullable ObjectNode, ObjectNode> next,
      @Nullable Integer expectedVersion,
      AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          jdbc.sql(
                  "insert into config_entries (tenant_id, kind, key, version) values (?, ?, ?, 0)"
                      + " on conflict do nothing")
              .params(tenant.value(), kind.column, key.value())
              .update();
          Row current = lock(tenant, kind, key);
          checkExpected(expectedVersion, current);
          ObjectNode document = next.apply(current.document());
          if (document.equals(current.document())) {
            return new Stored(key, current.document(), current.version(), current.updatedAt());
          }
          int version = current.version() + 1;
          ConfigChange.Kind change =
              current.document() == null ? ConfigChange.Kind.CREATED : ConfigChange.Kind.UPDATED;
          ArrayNode patch = JsonPatches.diff(current.document(), document);
          Instant at = record(tenant, kind, key, version, change, document, patch, caller);
          ObjectNode details = details(version, change);
          details.put("type", document.path("type").asString());
          ArrayNode paths = details.putArray("changed_paths");
          for (JsonNode operation : patch) {
            if (paths.size() == MAX_AUDITED_PATHS) {
              details.put("changed_paths_truncated", true);
              break;
            }
            String path = operation.get("path").asString();
            paths.add(
                operation.get("op").asString()
                    + " "
                    + (path.length() > MAX_AUDITED_PATH_LENGTH
                        ? path.substring(0, MAX_AUDITED_PATH_LENGTH) + "…"
                        : path));
          }
          audit(tenant, kind, key, kind.changedAction, caller, details);
          return new Stored(key, document, version, at);
        });
  }

  void delete(
      TenantId tenant,
      Kind kind,
      ConfigKey key,
      @Nullable Integer expectedVersion,
      AuditCaller caller) {
    inTenant(
        tenant,
        () -> {
          Row current = lock(tenant, kind, key);
          if (current.document() == null) {
            throw notFound(kind);
          }
          checkExpected(expectedVersion, current);
          int version = current.version() + 1;
          record(tenant, kind, key, version, ConfigChange.Kind.DELETED, null, null, caller);
          audit(
              tenant,
              kind,
              key,
              kind.deletedAction,
              caller,
              details(version, ConfigChange.Kind.DELETED));
          return null;
        });
  }

  Optional<Stored> find(TenantId tenant, Kind kind, ConfigKey key) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(
                    "select key, document::text as document, version, updated_at"
                        + " from config_entries where tenant_id = ? and kind = ? and key = ?"
                        + " and document is not null")
                .params(tenant.value(), kind.column, key.value())
                .query((rs, n) -> stored(rs))
                .optional());
  }

  /** Reads the revision first, so the page is never older than the revision it is labelled. */
  Page list(TenantId tenant, Kind kind, String prefix, @Nullable String after, int limit) {
    return inTenant(
        tenant,
        () -> {
          long revision = revisionInTransaction(tenant, kind);
          List<Stored> rows =
              jdbc.sql(
                      "select key, document::text as document, version, updated_at"
                          + " from config_entries where tenant_id = ? and kind = ?"
                          + " and document is not null and starts_with(key, ?) and key > ?"
                          + " order by key limit ?")
                  .params(
                      tenant.value(), kind.column, prefix, after == null ? "" : after, limit + 1)
                  .query((rs, n) -> stored(rs))
                  .list();
          if (rows.size() <= limit) {
            return new Page(rows, null, revision);
          }
          List<Stored> page = rows.subList(0, limit);
          return new Page(page, page.get(limit - 1).key().value(), revision);
        });
  }

  /** A page of live documents. */
  record Page(List<Stored> items, @Nullable String nextPosition, long revision) {}

  long revision(TenantId tenant, Kind kind) {
    return inTenant(tenant, () -> revisionInTransaction(tenant, kind));
  }

  ConfigChangePage history(
      TenantId tenant, Kind kind, ConfigKey key, @Nullable Integer before, int limit) {
    return inTenant(
        tenant,
        () -> {
          boolean known =
              jdbc.sql(
                          "select count(*) from config_entries"
                              + " where tenant_id = ? and kind = ? and key = ? and version > 0")
                      .params(tenant.value(), kind.column, key.value())
                      .query(Long.class)
                      .single()
                  > 0;
          if (!known) {
            throw notFound(kind);
          }
          List<ConfigChange> changes =
              jdbc.sql(
                      "select version, change, changed_at, actor_type, actor_id,"
                          + " document::text as document, patch::text as patch"
                          + " from config_versions where tenant_id = ? and kind = ? and key = ?"
                          + " and version < ? order by version desc limit ?")
                  .params(
                      tenant.value(),
                      kind.column,
                      key.value(),
                      before == null ? Integer.MAX_VALUE : before,
                      limit + 1)
                  .query((rs, n) -> change(rs))
                  .list();
          if (changes.size() <= limit) {
            return new ConfigChangePage(changes, null);
          }
          List<ConfigChange> page = changes.subList(0, limit);
          return new ConfigChangePage(page, page.get(limit - 1).version());
        });
  }

  private Instant record(
      TenantId tenant,
      Kind kind,
      ConfigKey key,
      int version,
      ConfigChange.Kind change,
      @Nullable ObjectNode document,
      @Nullable ArrayNode patch,
      AuditCaller caller) {
    String text = document == null ? null : json.writeValueAsString(document);
    Instant at =
        jdbc.sql(
                "update config_entries set version = ?, document = cast(? as jsonb),"
                    + " updated_at = now() where tenant_id = ? and kind = ? and key = ?"
                    + " returning updated_at")
            .params(version, text, tenant.value(), kind.column, key.value())
            .query(Timestamp.class)
            .single()
            .toInstant();
    jdbc.sql(
            "insert into config_versions (tenant_id, kind, key, version, change, document, patch,"
                + " actor_type, actor_id, changed_at)"
                + " values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?)")
        .params(
            tenant.value(),
            kind.column,
            key.value(),
            version,
            change.apiName(),
            text,
            patch == null ? null : json.writeValueAsString(patch),
            caller.actor().type().wireName(),
            caller.actor().id(),
            Timestamp.from(at))
        .update();
    jdbc.sql(
            "insert into config_revisions (tenant_id, kind, revision) values (?, ?, 1)"
                + " on conflict (tenant_id, kind)"
                + " do update set revision = config_revisions.revision + 1")
        .params(tenant.value(), kind.column)
        .update();
    return at;
  }

  private long revisionInTransaction(TenantId tenant, Kind kind) {
    return jdbc.sql("select revision from config_revisions where tenant_id = ? and kind = ?")
        .params(tenant.value(), kind.column)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  private Row lock(TenantId tenant, Kind kind, ConfigKey key) {
    return jdbc.sql(
            "select document::text as document, version, updated_at from config_entries"
                + " where tenant_id = ? and kind = ? and key = ? for update")
        .params(tenant.value(), kind.column, key.value())
        .query((rs, n) ->
            new Row(
                object(rs.getString("document")),
                rs.getInt("version"),
                rs.getTimestamp("updated_at").toInstant()))
        .optional()
        .orElseThrow(() -> notFound(kind));
  }

  private record Row(@Nullable ObjectNode document, int version, Instant updatedAt) {}

  private static void checkExpected(@Nullable Integer expectedVersion, Row current) {
    if (expectedVersion == null) {
      return;
    }
    int live = current.document() == null ? 0 : current.version();
    if (expectedVersion != live) {
      throw new ApiProblem(
          ProblemType.PRECONDITION_FAILED,
          live == 0
              ? "If-Match names version " + expectedVersion + " but the key does not exist"
              : "If-Match names version "
                  + expectedVersion
                  + " but the current version is "
                  + live);
    }
  }

  private static ApiProblem notFound(Kind kind) {
    return new ApiProblem(
        ProblemType.NOT_FOUND,
        kind == Kind.SETTING
            ? "No setting with that key in this tenant"
            : "No feature flag with that key in this tenant");
  }

  private Stored stored(ResultSet rs) throws SQLException {
    ObjectNode document = object(rs.getString("document"));
    if (document == null) {
      throw new IllegalStateException("a live config entry has no document");
    }
    return new Stored(
        new ConfigKey(rs.getString("key")),
        document,
        rs.getInt("version"),
        rs.getTimestamp("updated_at").toInstant());
  }

  private ConfigChange change(ResultSet rs) throws SQLException {
    String patch = rs.getString("patch");
    return new ConfigChange(
        rs.getInt("version"),
        ConfigChange.Kind.fromApiName(rs.getString("change")),
        rs.getTimestamp("changed_at").toInstant(),
        rs.getString("actor_type"),
        rs.getString("actor_id"),
        object(rs.getString("document")),
        patch == null ? null : (ArrayNode) json.readTree(patch));
  }

  private @Nullable ObjectNode object(@Nullable String text) {
    return text == null ? null : (ObjectNode) json.readTree(text);
  }

  private static ObjectNode details(int version, ConfigChange.Kind change) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("version", version);
    details.put("change", change.apiName());
    return details;
  }

  private void audit(
      TenantId tenant,
      Kind kind,
      ConfigKey key,
      String action,
      AuditCaller caller,
      ObjectNode details) {
    ledger.append(
        tenant,
        List.of(
            new AuditEvent(
                null,
                Instant.now(),
                AuditCategory.CONFIGURATION,
                action,
                AuditOutcome.SUCCESS,
                caller.actor(),
                new AuditResource(kind.resourceType, key.value()),
                caller.purpose(),
                null,
                false,
                null,
                caller.correlationId(),
                null,
                details)));
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }
}
