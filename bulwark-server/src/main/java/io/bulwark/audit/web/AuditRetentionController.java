package io.bulwark.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bulwark.audit.AuditCheckpointKeys;
import io.bulwark.audit.AuditPruning;
import io.bulwark.audit.AuditRetention;
import io.bulwark.audit.AuditRetentionSetting;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention of a tenant's audit log — its period ({@code audit:read} to read, {@code
 * audit:retention} to change), on-demand pruning ({@code audit:retention}) — and rotation of its
 * checkpoint key ({@code keys:rotate}).
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditRetentionController {

  private final Tenants tenants;
  private final AuditRetention retention;
  private final AuditCheckpointKeys checkpointKeys;
  private final AccessDecisions access;

  AuditRetentionController(
      Tenants tenants,
      AuditRetention retention,
      AuditCheckpointKeys checkpointKeys,
      AccessDecisions access) {
    this.tenants = tenants;
    this.retention = retention;
    this.checkpointKeys = checkpointKeys;
    this.access = access;
  }

  @GetMapping("/retention")
  RetentionResponse retention(@PathVariable("slug") String slug) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_READ, tenant.id());
    return RetentionResponse.of(retention.setting(tenant.id()));
  }

  @PutMapping(path = "/retention", consumes = MediaType.APPLICATION_JSON_VALUE)
  RetentionResponse changeRetention(
      @PathVariable("slug") String slug, @RequestBody RetentionRequest body) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_RETENTION, tenant.id());
    if (body.retentionPeriod() == null) {
      throw ApiProblem.invalidField("retention_period", "Field 'retention_period' is required");
    }
    Period period;
    try {
      period = Period.parse(body.retentionPeriod());
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalidField(
          "retention_period",
          "Field 'retention_period' must be an ISO 8601 period of years, months, weeks or days,"
              + " such as P7Y");
    }
    return RetentionResponse.of(retention.change(tenant.id(), period));
  }

  @PostMapping("/prune")
  ResponseEntity<PruneResponse> prune(@PathVariable("slug") String slug) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_RETENTION, tenant.id());
    AuditPruning pruning = retention.prune(tenant.id());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(PruneResponse.of(pruning));
  }

  @PostMapping("/checkpoint-keys/rotate")
  ResponseEntity<RotationResponse> rotateCheckpointKey(@PathVariable("slug") String slug) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.KEYS_ROTATE, tenant.id());
    AuditCheckpointKeys.AuditKeyRotation rotation = checkpointKeys.rotate(tenant.id());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new RotationResponse(
                rotation.verifierKey(),
                rotation.previousVerifierKey(),
                rotation.checkpoint().treeSize(),
                rotation.checkpoint().signedNote()));
  }

  record RetentionRequest(@Nullable String retentionPeriod) {}

  record RetentionResponse(
      String retentionPeriod, boolean isDefault, String floor, String sensitiveFloor) {
    static RetentionResponse of(AuditRetentionSetting setting) {
      return new RetentionResponse(
          setting.retentionPeriod().toString(),
          setting.defaulted(),
          setting.floor().toString(),
          setting.sensitiveFloor().toString());
    }
  }

  record PruneResponse(
      long pruned,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long firstIndex,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long lastIndex,
      String cutoff,
      long held,
      long retained,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long auditIndex) {
    static PruneResponse of(AuditPruning pruning) {
      return new PruneResponse(
          pruning.pruned(),
          pruning.firstIndex().isPresent() ? pruning.firstIndex().getAsLong() : null,
          pruning.lastIndex().isPresent() ? pruning.lastIndex().getAsLong() : null,
          pruning.cutoff().toString(),
          pruning.held(),
          pruning.retained(),
          pruning.auditIndex().isPresent() ? pruning.auditIndex().getAsLong() : null);
    }
  }

  record RotationResponse(
      String verifierKey, String previousVerifierKey, long treeSize, String checkpoint) {}
}
