package io.bulwark.audit.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEntry;
import io.bulwark.audit.AuditEntryPage;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditIngestion;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditQuery;
import io.bulwark.audit.AuditReceipt;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingestion ({@code audit:write}) and search ({@code audit:read}) of a tenant's audit events. A
 * batch is appended all or nothing and answered only after its (group) commit is durable.
 */
@RestController
@RequestMapping(
    path = "/api/v1/tenants/{slug}/audit/events",
    produces = MediaType.APPLICATION_JSON_VALUE)
class AuditEventController {

  private static final JsonMapper STRICT = Rfc8785Canonicalizer.strictMapper();

  private final Tenants tenants;
  private final AuditLedger ledger;
  private final AuditIngestion ingestion;
  private final AccessDecisions access;

  AuditEventController(
      Tenants tenants, AuditLedger ledger, AuditIngestion ingestion, AccessDecisions access) {
    this.tenants = tenants;
    this.ledger = ledger;
    this.ingestion = ingestion;
    this.access = access;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IngestResponse> ingest(
      @PathVariable("slug") String slug, @RequestBody byte[] body) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_WRITE, tenant.id());
    List<AuditEvent> events = AuditEventJson.batch(body, STRICT);
    List<AuditReceipt> receipts = ingestion.ingest(tenant.id(), events);
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(new IngestResponse(receipts.stream().map(Receipt::of).toList()));
  }

  @GetMapping
  EntryList search(
      @PathVariable("slug") String slug,
      @RequestParam(name = "from", required = false) @Nullable String from,
      @RequestParam(name = "to", required = false) @Nullable String to,
      @RequestParam(name = "category", required = false) @Nullable String category,
      @RequestParam(name = "action", required = false) @Nullable String action,
      @RequestParam(name = "actor_id", required = false) @Nullable String actorId,
      @RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
      @RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
      @RequestParam(name = "outcome", required = false) @Nullable String outcome,
      @RequestParam(name = "correlation_id", required = false) @Nullable String correlationId,
      @RequestParam(name = "break_glass", required = false) @Nullable String breakGlass,
      @RequestParam(name = "hashed_value", required = false) @Nullable String hashedValue,
      @RequestParam(name = "cursor", required = false) @Nullable String cursor,
      @RequestParam(name = "limit", defaultValue = "50") int limit) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_READ, tenant.id());
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw invalid("limit", "must be between 1 and " + AuditQuery.MAX_LIMIT);
    }
    if (hashedValue != null && !AuditQuery.HASHED_VALUE.matcher(hashedValue).matches()) {
      throw invalid("hashed_value", "must be hmac-sha256: and 64 lower-case hex digits");
    }
    AuditQuery query =
        new AuditQuery(
            instant("from", from),
            instant("to", to),
            category == null
                ? null
                : AuditCategory.fromWireName(category)
                    .orElseThrow(() -> invalid("category", "is not an audit category")),
            action,
            actorId,
            resourceType,
            resourceId,
            outcome == null
                ? null
                : AuditOutcome.fromWireName(outcome)
                    .orElseThrow(() -> invalid("outcome", "must be success, failure or denied")),
            correlationId,
            bool("break_glass", breakGlass),
            cursor == null ? null : before(cursor),
            limit,
            hashedValue);
    AuditEntryPage page = ledger.query(tenant.id(), query);
    return new EntryList(
        page.entries().stream().map(EntryResponse::of).toList(),
        page.nextBefore().isPresent()
            ? Cursors.encode(Long.toString(page.nextBefore().getAsLong()))
            : null);
  }

  private static @Nullable Instant instant(String parameter, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(parameter, "must be an RFC 3339 timestamp such as 2025-01-31T12:00:00Z");
    }
  }

  private static @Nullable Boolean bool(String parameter, @Nullable String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(parameter, "must be true or false");
    };
  }

  private static long before(String cursor) {
    String position = Cursors.decode(cursor);
    try {
      long before = Long.parseLong(position);
      if (before < 0) {
        throw Cursors.invalid();
      }
      return before;
    } catch (NumberFormatException e) {
      throw Cursors.invalid();
    }
  }

  static ApiProblem invalid(String parameter, String reason) {
    return new ApiProblem(
        ProblemType.INVALID_PARAMETER,
        "Parameter '" + parameter + "' " + reason,
        Map.of("parameter", parameter));
  }

  record IngestResponse(List<Receipt> events) {}

  record Receipt(UUID id, long index, boolean duplicate) {
    static Receipt of(AuditReceipt receipt) {
      return new Receipt(receipt.id(), receipt.index(), receipt.duplicate());
    }
  }

  record EntryList(List<EntryResponse> items, @Nullable String nextCursor) {}

  /** An entry whose {@code entry} member is the exact canonical JSON that the log hashed. */
  record EntryResponse(long index, @JsonRawValue String entry) {
    static EntryResponse of(AuditEntry entry) {
      return new EntryResponse(entry.index(), entry.canonicalJson());
    }
  }
}
