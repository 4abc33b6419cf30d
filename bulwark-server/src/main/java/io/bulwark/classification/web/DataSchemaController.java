package io.bulwark.classification.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.classification.ClassificationTier;
import io.bulwark.classification.DataSchema;
import io.bulwark.classification.DataSchemaDefinition;
import io.bulwark.classification.DataSchemaPage;
import io.bulwark.classification.DataSchemas;
import io.bulwark.classification.SchemaField;
import io.bulwark.classification.SchemaName;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's data schemas: registration, replacement and deletion ({@code classification:write}),
 * reading and listing ({@code classification:read}).
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/classification/schemas",
    produces = MediaType.APPLICATION_JSON_VALUE)
class DataSchemaController {

  private final DataSchemas schemas;
  private final TenantAccess access;

  DataSchemaController(DataSchemas schemas, TenantAccess access) {
    this.schemas = schemas;
    this.access = access;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<SchemaResponse> register(
      @PathVariable("slug") String slug, @RequestBody SchemaRequest request) {
    Tenant tenant = access.require(slug, Permissions.CLASSIFICATION_WRITE);
    DataSchema created =
        schemas.register(tenant.id(), request.definition(new SchemaName(request.name())));
    return ResponseEntity.created(
            URI.create(
                "/api/v1/tenants/" + slug + "/classification/schemas/" + created.name().value()))
        .body(SchemaResponse.of(created));
  }

  @GetMapping
  SchemaListResponse list(
      @PathVariable("slug") String slug,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
    Tenant tenant = access.require(slug, Permissions.CLASSIFICATION_READ);
    if (limit < 1 || limit > 200) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'limit' must be between 1 and 200",
          Map.of("parameter", "limit"));
    }
    SchemaName after = cursor == null ? null : nameFromCursor(cursor);
    DataSchemaPage page = schemas.list(tenant.id(), after, limit);
    return new SchemaListResponse(
        page.schemas().stream().map(SchemaResponse::of).toList(),
        page.nextAfter().map(name -> Cursors.encode(name.value())).orElse(null));
  }

  @GetMapping("/{name}")
  SchemaResponse get(@PathVariable("slug") String slug, @PathVariable("name") String name) {
    Tenant tenant = access.require(slug, Permissions.CLASSIFICATION_READ);
    return SchemaResponse.of(
        schemas.find(tenant.id(), pathName(name)).orElseThrow(() -> notFound(name)));
  }

  @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  SchemaResponse replace(
      @PathVariable("slug") String slug,
      @PathVariable("name") String name,
      @RequestBody SchemaRequest request) {
    Tenant tenant = access.require(slug, Permissions.CLASSIFICATION_WRITE);
    SchemaName schemaName = pathName(name);
    if (request.name() != null && !request.name().equals(name)) {
      throw new InvalidFieldException("name", "must be absent or equal the name in the path");
    }
    return SchemaResponse.of(schemas.replace(tenant.id(), request.definition(schemaName)));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(
      @PathVariable("slug") String slug, @PathVariable("name") String name) {
    Tenant tenant = access.require(slug, Permissions.CLASSIFICATION_WRITE);
    if (!schemas.delete(tenant.id(), pathName(name))) {
      throw notFound(name);
    }
    return ResponseEntity.noContent().build();
  }

  private static SchemaName pathName(String name) {
    if (!SchemaName.isValid(name)) {
      throw notFound(name);
    }
    return new SchemaName(name);
  }

  private static SchemaName nameFromCursor(String cursor) {
    String decoded = Cursors.decode(cursor);
    if (!SchemaName.isValid(decoded)) {
      throw Cursors.invalid();
    }
    return new SchemaName(decoded);
  }

  private static ApiProblem notFound(String name) {
    return new ApiProblem(
        ProblemType.NOT_FOUND,
        SchemaName.isValid(name) ? "No data schema named '" + name + "'" : "No such data schema");
  }

  record SchemaRequest(
      @Nullable String name,
      @Nullable String description,
      @Nullable List<@Nullable FieldRequest> fields) {

    DataSchemaDefinition definition(SchemaName name) {
      if (fields == null) {
        throw new InvalidFieldException("fields", "is required: a list of {path, tier}");
      }
      List<SchemaField> parsed = new ArrayList<>(fields.size());
      for (int i = 0; i < fields.size(); i++) {
        FieldRequest field = fields.get(i);
        if (field == null) {
          throw new InvalidFieldException("fields[" + i + "]", "must be an object {path, tier}");
        }
        try {
          parsed.add(new SchemaField(field.path(), ClassificationTier.parse(field.tier())));
        } catch (InvalidFieldException invalid) {
          throw new InvalidFieldException("fields[" + i + "]." + invalid.field(), invalid.reason());
        }
      }
      return new DataSchemaDefinition(name, description, parsed);
    }
  }

  record FieldRequest(@Nullable String path, @Nullable String tier) {}

  record SchemaListResponse(List<SchemaResponse> items, @Nullable String nextCursor) {}

  record FieldResponse(String path, String tier) {}

  record SchemaResponse(
      String name,
      @Nullable String description,
      int version,
      List<FieldResponse> fields,
      Instant createdAt,
      Instant updatedAt) {

    static SchemaResponse of(DataSchema schema) {
      return new SchemaResponse(
          schema.name().value(),
          schema.description(),
          schema.version(),
          schema.fields().stream()
              .map(f -> new FieldResponse(f.path(), f.tier().apiName()))
              .toList(),
          schema.createdAt(),
          schema.updatedAt());
    }
  }
}
