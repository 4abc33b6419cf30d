package io.bulwark.config.web;

import static io.bulwark.config.web.ConfigRequests.PURPOSE_HEADER;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.config.ConfigKey;
import io.bulwark.config.ConfigPage;
import io.bulwark.config.EvaluationContext;
import io.bulwark.config.FeatureFlag;
import io.bulwark.config.FeatureFlags;
import io.bulwark.config.FlagDefinition;
import io.bulwark.config.FlagEvaluation;
import io.bulwark.config.FlagEvaluator;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's feature flags over HTTP: definitions (versioned, conditional like settings) and
 * evaluation of one flag or all of them for a context. A service may also poll the definitions with
 * {@code If-None-Match} and evaluate locally with the documented algorithm.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}/config", produces = MediaType.APPLICATION_JSON_VALUE)
class FeatureFlagController {

  private static final Set<String> EVALUATE_FIELDS = Set.of("context");

  private final FeatureFlags flags;
  private final TenantAccess access;
  private final ConfigRequests requests;

  FeatureFlagController(FeatureFlags flags, TenantAccess access, ConfigRequests requests) {
    this.flags = flags;
    this.access = access;
    this.requests = requests;
  }

  @GetMapping("/flags")
  ResponseEntity<FlagList> list(
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
      String current = ConfigRequests.entityTag(flags.revision(tenant.id()));
      if (ConfigRequests.noneMatchHits(ifNoneMatch, current)) {
        return ConfigRequests.notModified(current);
      }
    }
    ConfigPage<FeatureFlag> page = flags.list(tenant.id(), from, after, size);
    return ResponseEntity.ok()
        .eTag(ConfigRequests.entityTag(page.revision()))
        .cacheControl(ConfigRequests.REVALIDATE)
        .body(
            new FlagList(
                page.items().stream().map(FeatureFlagController::response).toList(),
                page.nextPosition() == null ? null : Cursors.encode(page.nextPosition())));
  }

  @GetMapping("/flags/{key}")
  ResponseEntity<ObjectNode> read(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    FeatureFlag flag = require(tenant, configKey);
    String tag = ConfigRequests.entityTag(flag.version());
    if (ConfigRequests.noneMatchHits(ifNoneMatch, tag)) {
      return ConfigRequests.notModified(tag);
    }
    return ResponseEntity.ok()
        .eTag(tag)
        .cacheControl(ConfigRequests.REVALIDATE)
        .body(response(flag));
  }

  @PutMapping(path = "/flags/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ObjectNode> write(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose,
      @RequestBody JsonNode body) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_WRITE);
    Integer expected = ConfigRequests.expectedVersion(ifMatch);
    FlagDefinition definition = FlagDefinition.fromJson(body);
    FeatureFlag written =
        flags.put(tenant.id(), configKey, definition, expected, requests.caller(purpose));
    return ResponseEntity.ok()
        .eTag(ConfigRequests.entityTag(written.version()))
        .body(response(written));
  }

  @DeleteMapping("/flags/{key}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
      @RequestHeader(name = PURPOSE_HEADER, required = false) @Nullable String purpose) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_WRITE);
    flags.delete(
        tenant.id(), configKey, ConfigRequests.expectedVersion(ifMatch), requests.caller(purpose));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/flags/{key}/history")
  ConfigRequests.HistoryResponse history(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestParam(name = "limit", required = false) @Nullable Integer limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    return ConfigRequests.history(
        flags.history(
            tenant.id(),
            configKey,
            ConfigRequests.before(cursor),
            ConfigRequests.limit(limit, 20)));
  }

  @PostMapping(path = "/flags/{key}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
  EvaluationResponse evaluate(
      @PathVariable("slug") String slug,
      @PathVariable("key") String key,
      @RequestBody JsonNode body) {
    ConfigKey configKey = new ConfigKey(key);
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    EvaluationContext context = context(body);
    return EvaluationResponse.of(FlagEvaluator.evaluate(require(tenant, configKey), context));
  }

  @PostMapping(path = "/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
  AllEvaluationsResponse evaluateAll(
      @PathVariable("slug") String slug, @RequestBody JsonNode body) {
    Tenant tenant = access.require(slug, Permissions.CONFIG_READ);
    ConfigPage<FlagEvaluation> evaluations = flags.evaluateAll(tenant.id(), context(body));
    Map<String, EvaluationResponse> byKey = new LinkedHashMap<>();
    for (FlagEvaluation evaluation : evaluations.items()) {
      byKey.put(evaluation.key().value(), EvaluationResponse.of(evaluation));
    }
    return new AllEvaluationsResponse(evaluations.revision(), byKey);
  }

  private FeatureFlag require(Tenant tenant, ConfigKey key) {
    return flags
        .find(tenant.id(), key)
        .orElseThrow(() ->
            new ApiProblem(ProblemType.NOT_FOUND, "No feature flag with that key in this tenant"));
  }

  private static EvaluationContext context(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidFieldException("(body)", "must be a JSON object");
    }
    for (String name : body.propertyNames()) {
      if (!EVALUATE_FIELDS.contains(name)) {
        throw new ApiProblem(
            ProblemType.UNKNOWN_FIELD,
            "Field '" + name + "' is not part of this request",
            Map.of("field", name));
      }
    }
    return EvaluationContext.of(body.get("context"));
  }

  private static ObjectNode response(FeatureFlag flag) {
    return ConfigRequests.entry(
        flag.key().value(), flag.definition().toDocument(), flag.version(), flag.updatedAt());
  }

  record FlagList(List<ObjectNode> items, @Nullable String nextCursor) {}

  record EvaluationResponse(
      String key, JsonNode value, String reason, @Nullable Integer ruleIndex, int version) {

    static EvaluationResponse of(FlagEvaluation evaluation) {
      return new EvaluationResponse(
          evaluation.key().value(),
          evaluation.value(),
          evaluation.reason().apiName(),
          evaluation.ruleIndex(),
          evaluation.version());
    }
  }

  record AllEvaluationsResponse(long revision, Map<String, EvaluationResponse> flags) {}
}
