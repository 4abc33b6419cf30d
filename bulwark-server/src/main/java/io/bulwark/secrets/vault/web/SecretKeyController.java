package io.bulwark.secrets.vault.web;

import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.secrets.vault.SecretKeyRotations;
import io.bulwark.secrets.vault.SecretKeyRotations.KeyEncryptionKeyRotation;
import io.bulwark.secrets.vault.SecretRewrap;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key rotation for the vault: a tenant's data key ({@code secrets:admin} in the tenant) with the
 * rewrap's progress, and the platform's key-encryption key ({@code keys:rotate} in the system
 * tenant).
 */
@RestController
class SecretKeyController {

  private final SecretKeyRotations rotations;
  private final TenantAccess access;
  private final AccessDecisions decisions;
  private final Tenants tenants;

  SecretKeyController(
      SecretKeyRotations rotations,
      TenantAccess access,
      AccessDecisions decisions,
      Tenants tenants) {
    this.rotations = rotations;
    this.access = access;
    this.decisions = decisions;
    this.tenants = tenants;
  }

  @PostMapping(
      path = "/api/v1/tenants/{slug}/secrets-keys/rotate",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RewrapResponse> rotate(
      @PathVariable("slug") String slug,
      @RequestHeader(name = SecretCallers.PURPOSE_HEADER, required = false)
          @Nullable String purpose) {
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN);
    SecretRewrap rewrap =
        rotations.rotateDataKey(tenant.id(), SecretCallers.current(decisions, purpose));
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/tenants/" + slug + "/secrets-keys/rewrap"))
        .body(RewrapResponse.of(rewrap));
  }

  @GetMapping(
      path = "/api/v1/tenants/{slug}/secrets-keys/rewrap",
      produces = MediaType.APPLICATION_JSON_VALUE)
  RewrapResponse rewrap(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.SECRETS_ADMIN);
    return rotations
        .latestRewrap(tenant.id())
        .map(RewrapResponse::of)
        .orElseThrow(() ->
            new ApiProblem(ProblemType.NOT_FOUND, "This tenant's data key was never rotated"));
  }

  @PostMapping(
      path = "/api/v1/key-encryption-key/rotate",
      produces = MediaType.APPLICATION_JSON_VALUE)
  KekResponse rotateKeyEncryptionKey(
      @RequestHeader(name = SecretCallers.PURPOSE_HEADER, required = false)
          @Nullable String purpose) {
    decisions.require(Permissions.KEYS_ROTATE, tenants.system().id());
    KeyEncryptionKeyRotation rotation =
        rotations.rotateKeyEncryptionKey(SecretCallers.current(decisions, purpose));
    return new KekResponse(
        rotation.keyEncryptionKeyId(), rotation.rotated(), rotation.rewrappedKeysets());
  }

  record RewrapResponse(
      String id,
      long keyId,
      String state,
      long total,
      long scanned,
      long rewrapped,
      long failed,
      Instant startedAt,
      Instant updatedAt,
      @Nullable Instant completedAt) {

    static RewrapResponse of(SecretRewrap rewrap) {
      return new RewrapResponse(
          rewrap.id().toString(),
          rewrap.targetKeyId(),
          rewrap.state().wireName(),
          rewrap.total(),
          rewrap.scanned(),
          rewrap.rewrapped(),
          rewrap.failed(),
          rewrap.startedAt(),
          rewrap.updatedAt(),
          rewrap.completedAt());
    }
  }

  record KekResponse(String keyEncryptionKeyId, boolean rotated, int rewrappedKeysets) {}
}
