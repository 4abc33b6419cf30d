package io.bulwark.secrets.vault.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.bulwark.audit.AuditCaller;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permission;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.classification.ClassificationTier;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
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
import io.bulwark.tenancy.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's secrets vault over HTTP, shaped after Vault / OpenBao KV v2: values under {@code
 * /secrets/{path}}, metadata under {@code /secret-metadata/{path}}, and the version operations
 * under {@code /secret-undelete/{path}} and {@code /secret-destroy/{path}} (a path may hold
 * slashes, so an operation cannot follow it). Responses carrying a value are {@code no-store}.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
class SecretController {

  static final String PURPOSE_HEADER = "X-Bulwark-Purpose";
  private static final Pattern ENTITY_TAG = Pattern.compile("\"(0|[1-9][0-9]{0,8})\"");
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final Duration DEFAULT_DUE_WINDOW = Duration.ofDays(7);
  private static final Duration MAX_DUE_WINDOW = Duration.ofDays(366);

  private final Secrets secrets;
  private final TenantAccess access;
  private final AccessDecisions decisions;
  private final JsonMapper json = JsonMapper.builder().build();

  SecretController(Secrets secrets, TenantAccess access, AccessDecisions decisions) {
    this.secrets = secrets;
    this.access = access;
    this.decisions = decisions;
  }

  @GetMapping("/secrets")
  Object list(
      @PathVariable("slug") String slug,
      @RequestParam(name = "prefix", required = false) @Nullable String prefix,
      @RequestParam(name = "limit", required = false) @Nullable Integer limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      @RequestParam(name = "rotation", required = false) @Nullable String rotation,
      @RequestParam(name = "within", required = false) @Nullable String within) {
    String listed = SecretPath.checkPrefix(prefix == null ? "" : prefix);
    Tenant tenant = requireAny(slug, Permissions.SECRETS_READ, Permissions.SECRETS_ADMIN, listed);
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'limit' must be 1 to " + MAX_LIMIT,
          Map.of("parameter", "limit"));
    }
    String after = cursor == null ? null : Cursors.decode(cursor);
    if (rotation != null || within != null) {
      SecretRotationPage page =
          secrets.rotationReport(tenant.id(), listed, window(rotation, within), after, size);
      return new RotationList(
          page.items().stream().map(RotationResponse::of).toList(),
          page.nextPosition() == null ? null : Cursors.encode(page.nextPosition()));
    }
    SecretPage page = secrets.list(tenant.id(), listed, after, size);
    return new SecretList(
        page.items().stream().map(m -> MetadataResponse.of(m, false)).toList(),
        page.nextPosition() == null ? null : Cursors.encode(page.nextPosition()));
  }

  private static Duration window(@Nullable String rotation, @Nullable String within) {
    if ("overdue".equals(rotation)) {
      if (within != null) {
        throw new ApiProblem(
            ProblemType.INVALID_PARAMETER,
            "Parameter 'within' goes with rotation=due only",
            Map.of("parameter", "within"));
      }
      return Duration.ZERO;
    }
    if (!"due".equals(rotation)) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'rotation' must be 'overdue' or 'due'",
          Map.of("parameter", "rotation"));
    }
    if (within == null) {
      return DEFAULT_DUE_WINDOW;
    }
    try {
      Duration window = Duration.parse(within);
      if (window.isNegative() || window.compareTo(MAX_DUE_WINDOW) > 0) {
        throw new DateTimeParseException("out of range", within, 0);
      }
      return window;
    } catch (DateTimeParseException e) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'within' must be an ISO-8601 duration from PT0S to P366D, such as P7D",
          Map.of("parameter", "within"));
    }
  }

  @GetMapping("/secrets/{*path}")
  ResponseEntity<SecretResponse> read(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestParam(name = "version", required = false) @Nullable Integer version,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_READ, secretPath.value());
    RevealedSecret revealed =
        secrets.read(tenant.id(), secretPath, version, caller(tenant, purpose));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .eTag(entityTag(revealed.version()))
        .body(
            new SecretResponse(
                revealed.path().value(),
                revealed.version(),
                revealed.createdAt(),
                new String(revealed.value().revealJson(), StandardCharsets.UTF_8)));
  }

  @PutMapping(path = "/secrets/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<WrittenResponse> write(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody WriteRequest body) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_WRITE, secretPath.value());
    SecretMetadataChanges changes = null;
    if (body.metadata() != null) {
      access.require(slug, Permissions.SECRETS_ADMIN, secretPath.value());
      changes = body.metadata().toChanges("metadata.");
    }
    if (body.value() == null || body.value().isNull() || body.value().isMissingNode()) {
      throw new InvalidFieldException("value", "is required: a string or any JSON value");
    }
    SecretValue value = SecretValue.ofJson(json.writeValueAsBytes(body.value()));
    SecretVersion written =
        secrets.write(
            tenant.id(),
            secretPath,
            value,
            expectedVersion(ifMatch),
            changes,
            caller(tenant, purpose));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .eTag(entityTag(written.version()))
        .body(new WrittenResponse(secretPath.value(), written.version(), written.createdAt()));
  }

  @DeleteMapping("/secrets/{*path}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestParam(name = "versions", required = false) @Nullable List<Integer> versions,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_DELETE, secretPath.value());
    secrets.delete(tenant.id(), secretPath, versions, caller(tenant, purpose));
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/secret-undelete/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> undelete(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody VersionsRequest body) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_DELETE, secretPath.value());
    secrets.undelete(tenant.id(), secretPath, body.versionsOrEmpty(), caller(tenant, purpose));
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/secret-destroy/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> destroy(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody VersionsRequest body) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN, secretPath.value());
    secrets.destroy(tenant.id(), secretPath, body.versionsOrEmpty(), caller(tenant, purpose));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/secret-metadata/{*path}")
  MetadataResponse metadata(@PathVariable("slug") String slug, @PathVariable("path") String path) {
    SecretPath secretPath = path(path);
    Tenant tenant =
        requireAny(slug, Permissions.SECRETS_READ, Permissions.SECRETS_ADMIN, secretPath.value());
    return MetadataResponse.of(secrets.metadata(tenant.id(), secretPath), true);
  }

  @PutMapping(path = "/secret-metadata/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE)
  MetadataResponse updateMetadata(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody MetadataBody body) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN, secretPath.value());
    return MetadataResponse.of(
        secrets.updateMetadata(
            tenant.id(), secretPath, body.toChanges(""), caller(tenant, purpose)),
        true);
  }

  @DeleteMapping("/secret-metadata/{*path}")
  ResponseEntity<Void> deleteAll(
      @PathVariable("slug") String slug,
      @PathVariable("path") String path,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose) {
    SecretPath secretPath = path(path);
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN, secretPath.value());
    secrets.deleteAll(tenant.id(), secretPath, caller(tenant, purpose));
    return ResponseEntity.noContent().build();
  }

  private static SecretPath path(String captured) {
    return new SecretPath(captured.startsWith("/") ? captured.substring(1) : captured);
  }

  private Tenant requireAny(String slug, Permission first, Permission second, String resource) {
    try {
      return access.require(slug, first, resource);
    } catch (ApiProblem denied) {
      if (denied.type() != ProblemType.FORBIDDEN) {
        throw denied;
      }
      return access.require(slug, second, resource);
    }
  }

  private AuditCaller caller(Tenant tenant, @Nullable String purpose) {
    return SecretCallers.current(decisions, purpose);
  }

  private static @Nullable Integer expectedVersion(@Nullable String ifMatch) {
    if (ifMatch == null) {
      return null;
    }
    Matcher matcher = ENTITY_TAG.matcher(ifMatch.strip());
    if (!matcher.matches()) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "If-Match must be one entity tag naming a version, such as \"3\" (\"0\": not yet"
              + " written)",
          Map.of("parameter", "If-Match"));
    }
    return Integer.parseInt(matcher.group(1));
  }

  private static String entityTag(int version) {
    return "\"" + version + "\"";
  }

  record WriteRequest(@Nullable JsonNode value, @Nullable MetadataBody metadata) {
    @Override
    public String toString() {
      return "WriteRequest[value=redacted]";
    }
  }

  record VersionsRequest(@Nullable List<Integer> versions) {
    List<Integer> versionsOrEmpty() {
      return versions == null ? List.of() : versions;
    }
  }

  record MetadataBody(
      @Nullable String owner,
      @Nullable String description,
      @Nullable String classification,
      @Nullable String rotationPeriod,
      @Nullable Instant expiresAt,
      @Nullable Map<String, String> tags,
      @Nullable Integer maxVersions,
      @Nullable Boolean casRequired) {

    SecretMetadataChanges toChanges(String fieldPrefix) {
      ClassificationTier tier = null;
      if (classification != null) {
        tier =
            ClassificationTier.fromApiName(classification)
                .orElseThrow(() ->
                    new InvalidFieldException(
                        fieldPrefix + "classification", "is not a classification tier"));
      }
      Duration rotation = null;
      if (rotationPeriod != null) {
        try {
          rotation = Duration.parse(rotationPeriod);
        } catch (DateTimeParseException e) {
          throw new InvalidFieldException(
              fieldPrefix + "rotation_period", "must be an ISO-8601 duration such as P90D");
        }
      }
      try {
        return new SecretMetadataChanges(
            owner, description, tier, rotation, expiresAt, tags, maxVersions, casRequired);
      } catch (InvalidFieldException invalid) {
        throw new InvalidFieldException(fieldPrefix + invalid.field(), invalid.reason());
      }
    }
  }

  /**
   * The value goes out as the JSON it was stored as (written by Jackson from the request, so it is
   * already valid, compact JSON), not parsed into a tree to be written again.
   */
  record SecretResponse(String path, int version, Instant createdAt, @JsonRawValue String value) {
    @Override
    public String toString() {
      return "SecretResponse[path=" + path + ", version=" + version + ", value=redacted]";
    }
  }

  record WrittenResponse(String path, int version, Instant createdAt) {}

  record SecretList(List<MetadataResponse> items, @Nullable String nextCursor) {}

  record RotationList(List<RotationResponse> items, @Nullable String nextCursor) {}

  record RotationResponse(
      String path,
      @Nullable String owner,
      int currentVersion,
      @Nullable String rotationPeriod,
      @Nullable Instant lastRotatedAt,
      @Nullable Instant rotationDueAt,
      @Nullable Instant expiresAt,
      String status,
      List<String> reasons) {

    static RotationResponse of(SecretRotationStatus status) {
      return new RotationResponse(
          status.path().value(),
          status.owner(),
          status.currentVersion(),
          status.rotationPeriod() == null ? null : status.rotationPeriod().toString(),
          status.lastRotatedAt(),
          status.rotationDueAt(),
          status.expiresAt(),
          status.status().wireName(),
          status.reasons().stream().map(SecretRotationStatus.Reason::wireName).toList());
    }
  }

  record VersionResponse(
      int version,
      Instant createdAt,
      @Nullable Instant deletedAt,
      @Nullable Instant destroyedAt,
      boolean destroyed) {}

  record MetadataResponse(
      String path,
      int currentVersion,
      int maxVersions,
      boolean casRequired,
      @Nullable String owner,
      @Nullable String description,
      @Nullable String classification,
      @Nullable String rotationPeriod,
      @Nullable Instant expiresAt,
      Map<String, String> tags,
      Instant createdAt,
      Instant updatedAt,
      @Nullable List<VersionResponse> versions) {

    static MetadataResponse of(SecretMetadata metadata, boolean withVersions) {
      return new MetadataResponse(
          metadata.path().value(),
          metadata.currentVersion(),
          metadata.maxVersions(),
          metadata.casRequired(),
          metadata.owner(),
          metadata.description(),
          metadata.classification() == null ? null : metadata.classification().apiName(),
          metadata.rotationPeriod() == null ? null : metadata.rotationPeriod().toString(),
          metadata.expiresAt(),
          metadata.tags(),
          metadata.createdAt(),
          metadata.updatedAt(),
          withVersions
              ? metadata.versions().stream()
                  .map(v ->
                      new VersionResponse(
                          v.version(),
                          v.createdAt(),
                          v.deletedAt(),
                          v.destroyedAt(),
                          v.destroyedAt() != null))
                  .toList()
              : null);
    }
  }
}
