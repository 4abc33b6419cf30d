package io.bulwark.secrets.vault.internal;

import io.bulwark.audit.AuditCaller;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditClassification;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditIngestion;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.classification.ClassificationTier;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.secrets.DecryptionFailedException;
import io.bulwark.secrets.TenantEncryption;
import io.bulwark.secrets.vault.RevealedSecret;
import io.bulwark.secrets.vault.SecretMetadata;
import io.bulwark.secrets.vault.SecretMetadataChanges;
import io.bulwark.secrets.vault.SecretPage;
import io.bulwark.secrets.vault.SecretPath;
import io.bulwark.secrets.vault.SecretRotationPage;
import io.bulwark.secrets.vault.SecretRotationStatus;
import io.bulwark.secrets.vault.SecretValue;
import io.bulwark.secrets.vault.SecretVersion;
import io.bulwark.secrets.vault.Secrets;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vault on two tenant-owned tables under row-level security: {@code secrets} (one row per path:
 * metadata and the current version number) and {@code secret_versions} (one row per kept version:
 * AES-256-GCM ciphertext under the tenant's data key). Writers lock the path's row, so versions are
 * numbered without gaps and check-and-set is exact.
 */
@Service
class JdbcSecrets implements Secrets {

  private static final Logger log = LoggerFactory.getLogger(JdbcSecrets.class);
  private static final int MAX_VERSIONS_PER_CALL = 100;
  private static final String METADATA_COLUMNS =
      "path, current_version, max_versions, cas_required, owner, description, classification,"
          + " rotation_period, expires_at, tags::text as tags, created_at, updated_at";
  private static final String JOINED_METADATA_COLUMNS =
      "s.path, s.current_version, s.max_versions, s.cas_required, s.owner, s.description,"
          + " s.classification, s.rotation_period, s.expires_at, s.tags::text as tags,"
          + " s.created_at, s.updated_at";

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final AuditLedger ledger;
  private final TransactionTemplate transactions;
  private final AuditIngestion readAudits;
  private final JsonMapper json = JsonMapper.builder().build();

  JdbcSecrets(
      JdbcClient jdbc,
      TenantEncryption encryption,
      AuditLedger ledger,
      TransactionTemplate transactions,
      AuditIngestion readAudits) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.ledger = ledger;
    this.transactions = transactions;
    this.readAudits = readAudits;
  }

  /**
   * What a version's ciphertext is bound to. A ciphertext copied to another path, version or tenant
   * no longer authenticates.
   */
  static byte[] associatedData(TenantId tenant, SecretPath path, int version) {
    return ("bulwark:secret:v1\n" + tenant + "\n" + path.value() + "\n" + version)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public SecretVersion write(
      TenantId tenant,
      SecretPath path,
      SecretValue value,
      @Nullable Integer expectedVersion,
      @Nullable SecretMetadataChanges changes,
      AuditCaller caller) {
    if (value.length() > MAX_VALUE_BYTES) {
      throw new ApiProblem(
          ProblemType.PAYLOAD_TOO_LARGE,
          "The secret value exceeds " + MAX_VALUE_BYTES + " bytes in its JSON encoding");
    }
    if (expectedVersion != null && expectedVersion < 0) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "If-Match must name a version number",
          Map.of("parameter", "If-Match"));
    }
    return inTenant(
        tenant,
        () -> {
          jdbc.sql("insert into secrets (tenant_id, path) values (?, ?) on conflict do nothing")
              .params(tenant.value(), path.value())
              .update();
          SecretMetadata current = lock(tenant, path).orElseThrow();
          if (expectedVersion != null && expectedVersion != current.currentVersion()) {
            throw new ApiProblem(
                ProblemType.PRECONDITION_FAILED,
                "If-Match names version "
                    + expectedVersion
                    + " but the current version is "
                    + current.currentVersion());
          }
          boolean casRequired =
              changes != null && changes.casRequired() != null
                  ? changes.casRequired()
                  : current.casRequired();
          if (expectedVersion == null && casRequired) {
            throw new ApiProblem(
                ProblemType.PRECONDITION_REQUIRED,
                "This secret requires check-and-set: send If-Match with the current version");
          }
          if (changes != null && !changes.isEmpty()) {
            apply(tenant, path, changes);
          }
          int version = current.currentVersion() + 1;
          byte[] ciphertext =
              encryption.encrypt(tenant, value.revealJson(), associatedData(tenant, path, version));
          Instant createdAt =
              jdbc.sql(
                      "insert into secret_versions (tenant_id, path, version, ciphertext)"
                          + " values (?, ?, ?, ?) returning created_at")
                  .params(tenant.value(), path.value(), version, ciphertext)
                  .query(Timestamp.class)
                  .single()
                  .toInstant();
          jdbc.sql(
                  "update secrets set current_version = ?, updated_at = now()"
                      + " where tenant_id = ? and path = ?")
              .params(version, tenant.value(), path.value())
              .update();
          SecretMetadata after = lock(tenant, path).orElseThrow();
          List<Integer> pruned = prune(tenant, path, version, after.maxVersions());
          ObjectNode details = details(version);
          if (!pruned.isEmpty()) {
            details.set("pruned_versions", array(pruned));
          }
          if (changes != null && !changes.isEmpty()) {
            details.put("metadata_changed", true);
          }
          audit(
              tenant,
              caller,
              AuditCategory.CONFIGURATION,
              "secret.written",
              AuditOutcome.SUCCESS,
              after,
              details);
          return new SecretVersion(version, createdAt, null, null);
        });
  }

  @Override
  public RevealedSecret read(
      TenantId tenant, SecretPath path, @Nullable Integer version, AuditCaller caller) {
    if (version != null && version < 1) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'version' must be 1 or more",
          Map.of("parameter", "version"));
    }
    // One statement in autocommit, no transaction: metadata and version come from one snapshot.
    ReadRow row =
        TenantContext.callAs(tenant, () -> readRow(tenant, path, version))
            .orElseThrow(() ->
                new ApiProblem(ProblemType.NOT_FOUND, "No secret at that path in this tenant"));
    SecretMetadata metadata = row.metadata();
    int wanted = version == null ? metadata.currentVersion() : version;
    StoredVersion stored = readable(row.version(), wanted);
    Optional<Revealed> revealed;
    try {
      byte[] plaintext =
          encryption.decrypt(tenant, stored.ciphertext(), associatedData(tenant, path, wanted));
      revealed =
          Optional.of(
              new Revealed(
                  metadata,
                  new RevealedSecret(
                      path, wanted, stored.createdAt(), SecretValue.ofJson(plaintext))));
    } catch (DecryptionFailedException e) {
      ObjectNode details = details(wanted);
      details.put("reason", "ciphertext failed authentication");
      inTenant(
          tenant,
          () -> {
            audit(
                tenant,
                caller,
                AuditCategory.SECURITY,
                "secret.decryption_failed",
                AuditOutcome.FAILURE,
                metadata,
                details);
            return null;
          });
      revealed = Optional.empty();
    }
    if (revealed.isEmpty()) {
      log.atWarn()
          .setMessage("A secret version failed authenticated decryption")
          .addKeyValue("tenant", tenant.toString())
          .addKeyValue("secret_path", path.value())
          .log();
      throw new ApiProblem(
          ProblemType.SECRET_UNREADABLE,
          "The stored secret version could not be decrypted; the event was audited");
    }
    RevealedSecret secret = revealed.get().secret();
    try {
      // Committed before the value is returned: no audit, no read.
      // Reads share commits (group commit): one disk flush acknowledges many readers' events.
      readAudits.ingest(
          tenant,
          List.of(
              event(
                  caller,
                  AuditCategory.DATA_ACCESS,
                  "secret.read",
                  AuditOutcome.SUCCESS,
                  revealed.get().metadata(),
                  details(secret.version()))));
    } catch (RuntimeException e) {
      secret.value().wipe();
      throw e;
    }
    return secret;
  }

  @Override
  public List<Integer> delete(
      TenantId tenant, SecretPath path, @Nullable List<Integer> versions, AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          SecretMetadata secret = require(tenant, path, true);
          List<Integer> targets =
              versions == null || versions.isEmpty()
                  ? currentOnly(secret)
                  : checkedVersions(versions);
          List<Integer> changed =
              changeVersions(
                  tenant,
                  path,
                  targets,
                  "deleted_at = now()",
                  "deleted_at is null and destroyed_at is null");
          audit(tenant, caller, "secret.deleted", secret, targets, changed);
          return changed;
        });
  }

  @Override
  public List<Integer> undelete(
      TenantId tenant, SecretPath path, List<Integer> versions, AuditCaller caller) {
    List<Integer> targets = checkedVersions(versions);
    return inTenant(
        tenant,
        () -> {
          SecretMetadata secret = require(tenant, path, true);
          List<Integer> changed =
              changeVersions(
                  tenant,
                  path,
                  targets,
                  "deleted_at = null",
                  "deleted_at is not null and destroyed_at is null");
          audit(tenant, caller, "secret.undeleted", secret, targets, changed);
          return changed;
        });
  }

  @Override
  public List<Integer> destroy(
      TenantId tenant, SecretPath path, List<Integer> versions, AuditCaller caller) {
    List<Integer> targets = checkedVersions(versions);
    return inTenant(
        tenant,
        () -> {
          SecretMetadata secret = require(tenant, path, true);
          List<Integer> changed =
              changeVersions(
                  tenant,
                  path,
                  targets,
                  "ciphertext = null, destroyed_at = now()",
                  "destroyed_at is null");
          audit(tenant, caller, "secret.destroyed", secret, targets, changed);
          return changed;
        });
  }

  @Override
  public List<Integer> deleteAll(TenantId tenant, SecretPath path, AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          SecretMetadata secret = require(tenant, path, true);
          List<Integer> removed =
              jdbc
                  .sql(
                      "delete from secret_versions where tenant_id = ? and path = ?"
                          + " returning version")
                  .params(tenant.value(), path.value())
                  .query(Integer.class)
                  .list()
                  .stream()
                  .sorted()
                  .toList();
          jdbc.sql("delete from secrets where tenant_id = ? and path = ?")
              .params(tenant.value(), path.value())
              .update();
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.set("removed_versions", array(removed));
          details.put("current_version", secret.currentVersion());
          audit(
              tenant,
              caller,
              AuditCategory.CONFIGURATION,
              "secret.metadata_deleted",
              AuditOutcome.SUCCESS,
              secret,
              details);
          return removed;
        });
  }

  @Override
  public SecretMetadata metadata(TenantId tenant, SecretPath path) {
    return inTenant(
        tenant,
        () -> {
          SecretMetadata secret = require(tenant, path, false);
          return withVersions(tenant, secret);
        });
  }

  @Override
  public SecretMetadata updateMetadata(
      TenantId tenant, SecretPath path, SecretMetadataChanges changes, AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          jdbc.sql("insert into secrets (tenant_id, path) values (?, ?) on conflict do nothing")
              .params(tenant.value(), path.value())
              .update();
          lock(tenant, path).orElseThrow();
          apply(tenant, path, changes);
          SecretMetadata after = lock(tenant, path).orElseThrow();
          List<Integer> pruned = prune(tenant, path, after.currentVersion(), after.maxVersions());
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.set("changed", changedFields(changes));
          if (!pruned.isEmpty()) {
            details.set("pruned_versions", array(pruned));
          }
          audit(
              tenant,
              caller,
              AuditCategory.CONFIGURATION,
              "secret.metadata_updated",
              AuditOutcome.SUCCESS,
              after,
              details);
          return withVersions(tenant, after);
        });
  }

  @Override
  public SecretPage list(TenantId tenant, String prefix, @Nullable String after, int limit) {
    return inTenant(
        tenant,
        () -> {
          List<SecretMetadata> rows =
              jdbc.sql(
                      "select "
                          + METADATA_COLUMNS
                          + " from secrets where tenant_id = ? and starts_with(path, ?)"
                          + " and path > ? order by path limit ?")
                  .params(tenant.value(), prefix, after == null ? "" : after, limit + 1)
                  .query((rs, n) -> metadata(rs))
                  .list();
          if (rows.size() <= limit) {
            return new SecretPage(rows, null);
          }
          List<SecretMetadata> page = rows.subList(0, limit);
          return new SecretPage(page, page.get(limit - 1).path().value());
        });
  }

  @Override
  public SecretRotationPage rotationReport(
      TenantId tenant, String prefix, Duration window, @Nullable String after, int limit) {
    return inTenant(
        tenant,
        () -> {
          Instant now = Instant.now();
          Instant horizon = now.plus(window);
          List<SecretRotationStatus> rows =
              jdbc.sql(
                      "select s.path, s.owner, s.current_version, s.rotation_period, s.expires_at,"
                          + " v.created_at as rotated_at,"
                          + " v.created_at + cast(s.rotation_period as interval) as due_at"
                          + " from secrets s left join secret_versions v on v.tenant_id ="
                          + " s.tenant_id and v.path = s.path and v.version = s.current_version"
                          + " where s.tenant_id = ? and starts_with(s.path, ?) and s.path > ?"
                          + " and ((s.rotation_period is not null and v.created_at is not null"
                          + " and v.created_at + cast(s.rotation_period as interval) <= ?)"
                          + " or (s.expires_at is not null and s.expires_at <= ?))"
                          + " order by s.path limit ?")
                  .params(
                      tenant.value(),
                      prefix,
                      after == null ? "" : after,
                      Timestamp.from(horizon),
                      Timestamp.from(horizon),
                      limit + 1)
                  .query((rs, n) -> rotationStatus(rs, now, horizon))
                  .list();
          if (rows.size() <= limit) {
            return new SecretRotationPage(rows, null);
          }
          List<SecretRotationStatus> page = rows.subList(0, limit);
          return new SecretRotationPage(page, page.get(limit - 1).path().value());
        });
  }

  private static SecretRotationStatus rotationStatus(ResultSet rs, Instant now, Instant horizon)
      throws SQLException {
    String rotation = rs.getString("rotation_period");
    Instant dueAt = instant(rs, "due_at");
    Instant expiresAt = instant(rs, "expires_at");
    List<SecretRotationStatus.Reason> reasons = new ArrayList<>();
    boolean overdue = false;
    if (dueAt != null && !dueAt.isAfter(horizon)) {
      reasons.add(SecretRotationStatus.Reason.ROTATION);
      overdue = !dueAt.isAfter(now);
    }
    if (expiresAt != null && !expiresAt.isAfter(horizon)) {
      reasons.add(SecretRotationStatus.Reason.EXPIRY);
      overdue |= !expiresAt.isAfter(now);
    }
    return new SecretRotationStatus(
        new SecretPath(rs.getString("path")),
        rs.getString("owner"),
        rs.getInt("current_version"),
        rotation == null ? null : Duration.parse(rotation),
        instant(rs, "rotated_at"),
        dueAt,
        expiresAt,
        overdue ? SecretRotationStatus.Status.OVERDUE : SecretRotationStatus.Status.DUE,
        reasons);
  }

  private void apply(TenantId tenant, SecretPath path, SecretMetadataChanges changes) {
    jdbc.sql(
            "update secrets set owner = coalesce(?, owner),"
                + " description = coalesce(?, description),"
                + " classification = coalesce(?, classification),"
                + " rotation_period = coalesce(?, rotation_period),"
                + " expires_at = coalesce(?, expires_at),"
                + " tags = coalesce(cast(? as jsonb), tags),"
                + " max_versions = coalesce(?, max_versions),"
                + " cas_required = coalesce(?, cas_required),"
                + " updated_at = now()"
                + " where tenant_id = ? and path = ?")
        .params(
            changes.owner(),
            changes.description(),
            changes.classification() == null ? null : changes.classification().apiName(),
            changes.rotationPeriod() == null ? null : changes.rotationPeriod().toString(),
            changes.expiresAt() == null ? null : Timestamp.from(changes.expiresAt()),
            changes.tags() == null ? null : json.writeValueAsString(changes.tags()),
            changes.maxVersions(),
            changes.casRequired(),
            tenant.value(),
            path.value())
        .update();
  }

  private List<Integer> prune(TenantId tenant, SecretPath path, int current, int maxVersions) {
    return jdbc
        .sql(
            "delete from secret_versions where tenant_id = ? and path = ? and version <= ?"
                + " returning version")
        .params(tenant.value(), path.value(), current - maxVersions)
        .query(Integer.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }

  private List<Integer> changeVersions(
      TenantId tenant, SecretPath path, List<Integer> versions, String set, String when) {
    List<Integer> changed = new ArrayList<>();
    for (int version : versions) {
      int rows =
          jdbc.sql(
                  "update secret_versions set "
                      + set
                      + " where tenant_id = ? and path = ? and version = ? and "
                      + when)
              .params(tenant.value(), path.value(), version)
              .update();
      if (rows > 0) {
        changed.add(version);
      }
    }
    return changed;
  }

  private Optional<ReadRow> readRow(TenantId tenant, SecretPath path, @Nullable Integer version) {
    return jdbc.sql(
            "select "
                + JOINED_METADATA_COLUMNS
                + ", v.version as v_version, v.ciphertext as v_ciphertext,"
                + " v.created_at as v_created_at, v.deleted_at as v_deleted_at,"
                + " v.destroyed_at as v_destroyed_at"
                + " from secrets s left join secret_versions v on v.tenant_id = s.tenant_id"
                + " and v.path = s.path and v.version = coalesce(?::int, s.current_version)"
                + " where s.tenant_id = ? and s.path = ?")
        .params(version, tenant.value(), path.value())
        .query((rs, n) -> {
          Timestamp createdAt = rs.getTimestamp("v_created_at");
          StoredVersion stored =
              createdAt == null
                  ? null
                  : new StoredVersion(
                      rs.getBytes("v_ciphertext"),
                      createdAt.toInstant(),
                      rs.getTimestamp("v_deleted_at") != null,
                      rs.getTimestamp("v_destroyed_at") != null);
          return new ReadRow(metadata(rs), stored);
        })
        .optional();
  }

  private static StoredVersion readable(@Nullable StoredVersion stored, int version) {
    if (stored == null) {
      throw new ApiProblem(
          ProblemType.NOT_FOUND,
          version == 0
              ? "The secret has no version yet"
              : "The secret has no version " + version + " (never written or pruned)");
    }
    if (stored.destroyed()) {
      throw new ApiProblem(
          ProblemType.SECRET_VERSION_DESTROYED, "Version " + version + " was destroyed");
    }
    if (stored.deleted()) {
      throw new ApiProblem(
          ProblemType.SECRET_VERSION_DELETED, "Version " + version + " is deleted");
    }
    return stored;
  }

  private SecretMetadata require(TenantId tenant, SecretPath path, boolean forUpdate) {
    Optional<SecretMetadata> found =
        forUpdate
            ? lock(tenant, path)
            : jdbc.sql(
                    "select " + METADATA_COLUMNS + " from secrets where tenant_id = ? and path = ?")
                .params(tenant.value(), path.value())
                .query((rs, n) -> metadata(rs))
                .optional();
    return found.orElseThrow(
        () -> new ApiProblem(ProblemType.NOT_FOUND, "No secret at that path in this tenant"));
  }

  private Optional<SecretMetadata> lock(TenantId tenant, SecretPath path) {
    return jdbc.sql(
            "select "
                + METADATA_COLUMNS
                + " from secrets where tenant_id = ? and path = ? for update")
        .params(tenant.value(), path.value())
        .query((rs, n) -> metadata(rs))
        .optional();
  }

  private SecretMetadata withVersions(TenantId tenant, SecretMetadata secret) {
    List<SecretVersion> versions =
        jdbc.sql(
                "select version, created_at, deleted_at, destroyed_at from secret_versions"
                    + " where tenant_id = ? and path = ? order by version")
            .params(tenant.value(), secret.path().value())
            .query((rs, n) ->
                new SecretVersion(
                    rs.getInt("version"),
                    rs.getTimestamp("created_at").toInstant(),
                    instant(rs, "deleted_at"),
                    instant(rs, "destroyed_at")))
            .list();
    return new SecretMetadata(
        secret.path(),
        secret.currentVersion(),
        secret.maxVersions(),
        secret.casRequired(),
        secret.owner(),
        secret.description(),
        secret.classification(),
        secret.rotationPeriod(),
        secret.expiresAt(),
        secret.tags(),
        secret.createdAt(),
        secret.updatedAt(),
        versions);
  }

  private SecretMetadata metadata(ResultSet rs) throws SQLException {
    String classification = rs.getString("classification");
    String rotation = rs.getString("rotation_period");
    return new SecretMetadata(
        new SecretPath(rs.getString("path")),
        rs.getInt("current_version"),
        rs.getInt("max_versions"),
        rs.getBoolean("cas_required"),
        rs.getString("owner"),
        rs.getString("description"),
        classification == null ? null : ClassificationTier.parse(classification),
        rotation == null ? null : Duration.parse(rotation),
        instant(rs, "expires_at"),
        json.readValue(rs.getString("tags"), new TypeReference<Map<String, String>>() {}),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        List.of());
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static List<Integer> currentOnly(SecretMetadata secret) {
    if (secret.currentVersion() == 0) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "The secret has no version yet");
    }
    return List.of(secret.currentVersion());
  }

  private static List<Integer> checkedVersions(@Nullable List<Integer> versions) {
    if (versions == null || versions.isEmpty() || versions.size() > MAX_VERSIONS_PER_CALL) {
      throw new InvalidFieldException(
          "versions", "must list 1 to " + MAX_VERSIONS_PER_CALL + " version numbers");
    }
    TreeSet<Integer> distinct = new TreeSet<>();
    for (Integer version : versions) {
      if (version == null || version < 1) {
        throw new InvalidFieldException("versions", "must hold version numbers of 1 or more");
      }
      distinct.add(version);
    }
    return List.copyOf(distinct);
  }

  private void audit(
      TenantId tenant,
      AuditCaller caller,
      String action,
      SecretMetadata secret,
      List<Integer> requested,
      List<Integer> changed) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.set("versions", array(requested));
    details.set("changed_versions", array(changed));
    audit(
        tenant, caller, AuditCategory.CONFIGURATION, action, AuditOutcome.SUCCESS, secret, details);
  }

  private void audit(
      TenantId tenant,
      AuditCaller caller,
      AuditCategory category,
      String action,
      AuditOutcome outcome,
      SecretMetadata secret,
      ObjectNode details) {
    ledger.append(tenant, List.of(event(caller, category, action, outcome, secret, details)));
  }

  private static AuditEvent event(
      AuditCaller caller,
      AuditCategory category,
      String action,
      AuditOutcome outcome,
      SecretMetadata secret,
      ObjectNode details) {
    AuditClassification classification =
        secret.classification() == null
            ? null
            : AuditClassification.fromWireName(secret.classification().apiName()).orElse(null);
    return new AuditEvent(
        null,
        Instant.now(),
        category,
        action,
        outcome,
        caller.actor(),
        new AuditResource("secret", secret.path().value()),
        caller.purpose(),
        null,
        false,
        classification,
        caller.correlationId(),
        null,
        details);
  }

  private static ObjectNode details(int version) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("version", version);
    return details;
  }

  private static ArrayNode array(List<Integer> versions) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    versions.forEach(array::add);
    return array;
  }

  private static ArrayNode changedFields(SecretMetadataChanges changes) {
    ArrayNode fields = JsonNodeFactory.instance.arrayNode();
    if (changes.owner() != null) {
      fields.add("owner");
    }
    if (changes.description() != null) {
      fields.add("description");
    }
    if (changes.classification() != null) {
      fields.add("classification");
    }
    if (changes.rotationPeriod() != null) {
      fields.add("rotation_period");
    }
    if (changes.expiresAt() != null) {
      fields.add("expires_at");
    }
    if (changes.tags() != null) {
      fields.add("tags");
    }
    if (changes.maxVersions() != null) {
      fields.add("max_versions");
    }
    if (changes.casRequired() != null) {
      fields.add("cas_required");
    }
    return fields;
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  /** A decrypted version with the metadata its audit event names. */
  private record Revealed(SecretMetadata metadata, RevealedSecret secret) {}

  /** A secret's metadata with the version a read asked for, if that version exists. */
  private record ReadRow(SecretMetadata metadata, @Nullable StoredVersion version) {}

  /** A stored version's ciphertext; never logged, never returned. */
  private record StoredVersion(
      byte[] ciphertext, Instant createdAt, boolean deleted, boolean destroyed) {

    @Override
    public String toString() {
      return "StoredVersion[createdAt=" + createdAt + "]";
    }
  }
}
