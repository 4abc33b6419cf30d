package io.bulwark.identity.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.identity.SigningAlgorithm;
import io.bulwark.identity.SigningKeyInfo;
import io.bulwark.identity.TenantSigningKeys;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's token-signing keys: listing ({@code keys:read}) and rotation ({@code keys:rotate}).
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/signing-keys",
    produces = MediaType.APPLICATION_JSON_VALUE)
class SigningKeyController {

  private final TenantSigningKeys keys;
  private final TenantAccess access;

  SigningKeyController(TenantSigningKeys keys, TenantAccess access) {
    this.keys = keys;
    this.access = access;
  }

  @GetMapping
  KeyListResponse list(@PathVariable("slug") String slug) {
    Tenant tenant = access.require(slug, Permissions.KEYS_READ);
    return KeyListResponse.of(keys.list(tenant.id()));
  }

  @PostMapping("/rotate")
  KeyListResponse rotate(
      @PathVariable("slug") String slug,
      @RequestBody(required = false) @Nullable RotateRequest body) {
    Tenant tenant = access.require(slug, Permissions.KEYS_ROTATE);
    SigningAlgorithm algorithm = body == null ? null : algorithm(body.algorithm());
    return KeyListResponse.of(keys.rotate(tenant.id(), algorithm));
  }

  private static @Nullable SigningAlgorithm algorithm(@Nullable String name) {
    if (name == null) {
      return null;
    }
    return switch (name) {
      case "RS256" -> SigningAlgorithm.RS256;
      case "ES256" -> SigningAlgorithm.ES256;
      default -> throw new InvalidFieldException("algorithm", "must be RS256 or ES256");
    };
  }

  record RotateRequest(@Nullable String algorithm) {}

  record KeyResponse(
      String kid,
      String algorithm,
      String state,
      Instant createdAt,
      @Nullable Instant activatedAt,
      @Nullable Instant retiredAt) {

    static KeyResponse of(SigningKeyInfo key) {
      return new KeyResponse(
          key.kid(),
          key.algorithm().name(),
          key.state().name().toLowerCase(Locale.ROOT),
          key.createdAt(),
          key.activatedAt(),
          key.retiredAt());
    }
  }

  record KeyListResponse(List<KeyResponse> items) {
    static KeyListResponse of(List<SigningKeyInfo> keys) {
      return new KeyListResponse(keys.stream().map(KeyResponse::of).toList());
    }
  }
}
