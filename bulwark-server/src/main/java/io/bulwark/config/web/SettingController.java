package io.bulwark.config.web;

import static io.bulwark.config.web.ConfigRequests.PURPOSE_HEADER;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.config.ConfigKey;
import io.bulwark.config.ConfigPage;
import io.bulwark.config.Setting;
import io.bulwark.config.SettingDefinition;
import io.bulwark.config.TenantSettings;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.Tenant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's typed settings over HTTP. Reads carry the version as {@code ETag} (the list: the
 * tenant's settings revision) and answer 304 to a matching {@code If-None-Match}, so services can
 * poll cheaply; writes take {@code If-Match} for check-and-set.
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/config/settings",
    produces = MediaType.APPLICATION_JSON_VALUE)
class SettingController {

  private final TenantSettings settings;
  private final TenantAccess access;
  private final ConfigRequests requests;

  SettingController(TenantSettings settings, TenantAccess access, ConfigRequests requests) {
    this.settings = settings;
    this.access = access;
    this.requests = requests;
  }

  @GetMapping
  ResponseEntity<SettingList> list(
      @PathVariable("slug") String slug,
      @RequestParam(name = "prefix", required = false) @Nullable String prefix,
      @RequestParam(name = "limit", required = false) @Nullable Integer limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    String from = ConfigRequests.prefix(prefix);
    int size = ConfigRequests.limit(limit, 50);
    String after = cursor == null ? null : Cursors.decode(cursor);
    if (ifNoneMatch != null) {
      String current = ConfigRequests.entityTag(settings.revision(tenant.id()));
      if (ConfigRequests.noneMatchHits(ifNoneMatch, current)) {
        return ConfigRequests.notModified(current);
      }
    }
    ConfigPage<Setting> page = settings.list(tenant.id(), from, after, size);
    return ResponseEntity.ok()
        .eTag(ConfigRequests.entityTag(page.revision()))
        .cacheControl(ConfigRequests.REVALIDATE)
        .body(
            new SettingList(
                page.items().stream().map(SettingController::response).toList(),
                page.nextPosition() == null ? null : Cursors.encode(page.nextPosition())));
  }

  @GetMapping("/{key}")
  ResponseEntity<ObjectNode> read(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    Setting setting =
        settings
            .find(tenant.id(), configKey)
            .orElseThrow(() ->
                new ApiProblem(ProblemType.NOT_FOUND, "No setting with that key in this tenant"));
    String tag = ConfigRequests.entityTag(setting.version());
    if (ConfigRequests.noneMatchHits(ifNoneMatch, tag)) {
      return ConfigRequests.notModified(tag);
    }
    return ResponseEntity.ok()
        .eTag(tag)
        .cacheControl(ConfigRequests.REVALIDATE)
        .body(response(setting));
  }

  @PutMapping(path = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ObjectNode> write(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody JsonNode body) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_WRITE);
    Integer expected = ConfigRequests.expectedVersion(ifMatch);
    SettingDefinition definition = SettingDefinition.fromJson(body);
    Setting written =
        settings.put(tenant.id(), configKey, definition, expected, requests.caller(purpose));
    return ResponseEntity.ok()
        .eTag(ConfigRequests.entityTag(written.version()))
        .body(response(written));
  }

  @DeleteMapping("/{key}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_WRITE);
    settings.delete(
        tenant.id(), configKey, ConfigRequests.expectedVersion(ifMatch), requests.caller(purpose));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{key}/history")
  ConfigRequests.HistoryResponse history(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestParam(name = "limit", required = false) @Nullable Integer limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    return ConfigRequests.history(
        settings.history(
            tenant.id(),
            configKey,
            ConfigRequests.before(cursor),
            ConfigRequests.limit(limit, 20)));
  }

  private static ObjectNode response(Setting setting) {
    return ConfigRequests.entry(
        setting.key().value(),
        setting.definition().toDocument(),
        setting.version(),
        setting.updatedAt());
  }

  record SettingList(List<ObjectNode> items, @Nullable String nextCursor) {}
}
