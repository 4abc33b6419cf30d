package io.bulwark.tenancy.web;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantChanges;
import io.bulwark.tenancy.TenantPage;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.TenantStatus;
import io.bulwark.tenancy.Tenants;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform administrator's tenant API. Access is checked by the API security chain. */
@RestController
@RequestMapping(path = "/api/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
class TenantController {

  private final Tenants tenants;

  TenantController(Tenants tenants) {
    this.tenants = tenants;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TenantResponse> create(@RequestBody CreateTenantRequest request) {
    Tenant created =
        tenants.create(
            new NewTenant(new TenantSlug(request.slug()), request.displayName(), request.region()));
    return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.slug()))
        .body(TenantResponse.of(created));
  }

  @GetMapping
  TenantListResponse list(
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    if (limit < 1 || limit > 200) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'limit' must be between 1 and 200",
          Map.of("parameter", "limit"));
    }
    TenantSlug after = cursor == null ? null : slugFromCursor(cursor);
    TenantPage page = tenants.list(after, limit);
    return new TenantListResponse(
        page.tenants().stream().map(TenantResponse::of).toList(),
        page.nextAfter().map(slug -> Cursors.encode(slug.value())).orElse(null));
  }

  @GetMapping("/{slug}")
  TenantResponse get(@PathVariable("slug") String slug) {
    return TenantResponse.of(tenants.find(pathSlug(slug)).orElseThrow(() -> notFound(slug)));
  }

  @PatchMapping(
      path = "/{slug}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  TenantResponse update(@PathVariable("slug") String slug, @RequestBody UpdateTenantRequest body) {
    TenantChanges changes = new TenantChanges(body.displayName(), parseStatus(body.status()));
    return TenantResponse.of(tenants.update(pathSlug(slug), changes));
  }

  private static TenantSlug pathSlug(String slug) {
    if (!TenantSlug.isValid(slug)) {
      throw notFound(slug);
    }
    return new TenantSlug(slug);
  }

  private static TenantSlug slugFromCursor(String cursor) {
    String decoded = Cursors.decode(cursor);
    if (!TenantSlug.isValid(decoded)) {
      throw Cursors.invalid();
    }
    return new TenantSlug(decoded);
  }

  private static @Nullable TenantStatus parseStatus(@Nullable String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "active" -> TenantStatus.ACTIVE;
      case "suspended" -> TenantStatus.SUSPENDED;
      default -> throw new InvalidFieldException("status", "must be 'active' or 'suspended'");
    };
  }

  private static ApiProblem notFound(String slug) {
    return new ApiProblem(
        ProblemType.TENANT_NOT_FOUND,
        TenantSlug.isValid(slug) ? "No tenant '" + slug + "'" : "No such tenant");
  }

  record CreateTenantRequest(
      @Nullable String slug, @Nullable String displayName, @Nullable String region) {}

  record UpdateTenantRequest(@Nullable String displayName, @Nullable String status) {}

  record TenantListResponse(List<TenantResponse> items, @Nullable String nextCursor) {}

  record TenantResponse(
      String id,
      String slug,
      String displayName,
      String region,
      String status,
      Instant createdAt,
      Instant updatedAt) {

    static TenantResponse of(Tenant tenant) {
      return new TenantResponse(
          tenant.id().toString(),
          tenant.slug().value(),
          tenant.displayName(),
          tenant.region(),
          tenant.status().name().toLowerCase(Locale.ROOT),
          tenant.createdAt(),
          tenant.updatedAt());
    }
  }
}
