package io.bulwark.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditHashes;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.authorization.Principal;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.CorrelationIdFilter;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the HMAC under which the tenant's audit log stores a value ({@code audit:hash}), so a
 * known value can be searched for with {@code GET …/audit/events?hashed_value=…} (like Vault's
 * {@code sys/audit-hash}). Each request is itself audited, with the HMACs, never the values: the
 * endpoint is an oracle for guesses, so who asked is on record. Values are never logged or echoed.
 */
@RestController
class AuditHashController {

  static final int MAX_VALUES = 100;
  static final int MAX_VALUE_LENGTH = 16 * 1024;

  private static final JsonMapper STRICT = Rfc8785Canonicalizer.strictMapper();
  private static final Set<String> FIELDS = Set.of("value", "values");

  private final Tenants tenants;
  private final AuditHashes hashes;
  private final AuditLedger ledger;
  private final AccessDecisions access;

  AuditHashController(
      Tenants tenants, AuditHashes hashes, AuditLedger ledger, AccessDecisions access) {
    this.tenants = tenants;
    this.hashes = hashes;
    this.ledger = ledger;
    this.access = access;
  }

  @PostMapping(
      path = "/api/v1/tenants/{slug}/audit/hash",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<HashResponse> hash(@PathVariable("slug") String slug, @RequestBody byte[] body) {
    Tenant tenant = tenants.require(slug);
    Principal caller = access.require(Permissions.AUDIT_HASH, tenant.id());
    JsonNode request = parse(body);
    JsonNode value = present(request.get("value"));
    JsonNode values = present(request.get("values"));
    if ((value == null) == (values == null)) {
      throw new InvalidFieldException("value", "send exactly one of 'value' and 'values'");
    }
    List<String> inputs = value != null ? List.of(text(value, "value")) : texts(values);
    List<String> hashed = hashes.hash(tenant.id(), inputs);
    ledger.append(tenant.id(), List.of(audited(caller, hashed)));
    HashResponse response =
        value != null ? new HashResponse(hashed.getFirst(), null) : new HashResponse(null, hashed);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
  }

  private static JsonNode parse(byte[] body) {
    JsonNode json;
    try {
      json = STRICT.readTree(body);
    } catch (JacksonException e) {
      throw new ApiProblem(
          ProblemType.MALFORMED_REQUEST,
          "The body is not well-formed I-JSON (RFC 7493): no duplicate members");
    }
    if (json == null || json.isMissingNode()) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body is missing");
    }
    if (!json.isObject()) {
      throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object");
    }
    for (String name : json.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new ApiProblem(
            ProblemType.UNKNOWN_FIELD,
            "Field '" + name + "' is not part of this request",
            Map.of("field", name));
      }
    }
    return json;
  }

  private static @Nullable JsonNode present(@Nullable JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static List<String> texts(JsonNode values) {
    if (!values.isArray() || values.isEmpty() || values.size() > MAX_VALUES) {
      throw new InvalidFieldException(
          "values", "must be an array of 1 to " + MAX_VALUES + " strings");
    }
    List<String> texts = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      texts.add(text(values.get(i), "values[" + i + "]"));
    }
    return texts;
  }

  private static String text(JsonNode node, String field) {
    if (!node.isString()) {
      throw new InvalidFieldException(field, "must be a string");
    }
    String text = node.asString();
    if (text.isEmpty() || text.length() > MAX_VALUE_LENGTH) {
      throw new InvalidFieldException(field, "must be 1 to " + MAX_VALUE_LENGTH + " characters");
    }
    return text;
  }

  private static AuditEvent audited(Principal caller, List<String> hashed) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode list = details.putArray("hashes");
    hashed.forEach(list::add);
    AuditActor actor =
        new AuditActor(
            caller.type() == Principal.Type.USER ? AuditActor.Type.USER : AuditActor.Type.SERVICE,
            caller.id(),
            null,
            null,
            null);
    return AuditEvent.builder(AuditCategory.DATA_ACCESS, "audit.hash", AuditOutcome.SUCCESS, actor)
        .resource(new AuditResource("audit_log", null))
        .correlationId(correlationId())
        .details(details)
        .build();
  }

  private static @Nullable String correlationId() {
    String id = MDC.get(CorrelationIdFilter.MDC_KEY);
    return id == null || id.isBlank() || id.length() > 128 ? null : id;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HashResponse(@Nullable String hash, @Nullable List<String> hashes) {}
}
