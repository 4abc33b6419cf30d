package io.bulwark.classification.web;

import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.TenantAccess;
import io.bulwark.classification.DataSchema;
import io.bulwark.classification.DataSchemas;
import io.bulwark.classification.SchemaName;
import io.bulwark.classification.internal.RedactionStrategy;
import io.bulwark.classification.internal.TenantRedaction;
import io.bulwark.classification.internal.TenantRedaction.JsonRedaction;
import io.bulwark.classification.internal.TenantRedaction.TextRedaction;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.redact.Finding;
import io.bulwark.tenancy.Tenant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Scrubs text or JSON before it leaves for a third party (an AI model, a support tool), with the
 * tenant's own pseudonym key ({@code redact:use}). Answers are never cached and never echo a found
 * value outside its masked form.
 */
@RestController
class RedactController {

  private final DataSchemas schemas;
  private final TenantRedaction redaction;
  private final TenantAccess access;

  RedactController(DataSchemas schemas, TenantRedaction redaction, TenantAccess access) {
    this.schemas = schemas;
    this.redaction = redaction;
    this.access = access;
  }

  @PostMapping(
      path = "/api/v1/tenants/{slug}/redact",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RedactResponse> redact(
      @PathVariable("slug") String slug, @RequestBody RedactRequest request) {
    Tenant tenant = access.require(slug, Permissions.REDACT_USE);
    RedactionStrategy strategy = RedactionStrategy.parse(request.strategy());
    JsonNode json = request.json() == null || request.json().isNull() ? null : request.json();
    if ((request.text() == null) == (json == null)) {
      throw new InvalidFieldException("text", "send exactly one of 'text' and 'json'");
    }
    RedactResponse response;
    if (request.text() != null) {
      if (request.schema() != null) {
        throw new InvalidFieldException("schema", "applies to 'json' only");
      }
      TextRedaction text = redaction.redactText(tenant.id(), request.text(), strategy);
      response =
          new RedactResponse(
              text.text(), null, text.findings().stream().map(FindingResponse::of).toList());
    } else {
      DataSchema schema = request.schema() == null ? null : schema(tenant, request.schema());
      JsonRedaction redacted = redaction.redactJson(tenant.id(), json, schema, strategy);
      response =
          new RedactResponse(
              null,
              redacted.json(),
              redacted.findings().stream()
                  .map(f -> new FindingResponse(f.type(), f.path(), null, null, null))
                  .toList());
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
  }

  private DataSchema schema(Tenant tenant, String name) {
    if (!SchemaName.isValid(name)) {
      throw new InvalidFieldException("schema", "is not the name of a registered data schema");
    }
    return schemas
        .find(tenant.id(), new SchemaName(name))
        .orElseThrow(() ->
            new InvalidFieldException("schema", "is not the name of a registered data schema"));
  }

  record RedactRequest(
      @Nullable String text,
      @Nullable JsonNode json,
      @Nullable String schema,
      @Nullable String strategy) {}

  record RedactResponse(
      @Nullable String text, @Nullable JsonNode json, List<FindingResponse> findings) {}

  record FindingResponse(
      String type,
      @Nullable String path,
      @Nullable Integer start,
      @Nullable Integer end,
      @Nullable Double confidence) {

    static FindingResponse of(Finding finding) {
      return new FindingResponse(
          finding.type(), null, finding.start(), finding.end(), finding.confidence());
    }
  }
}
