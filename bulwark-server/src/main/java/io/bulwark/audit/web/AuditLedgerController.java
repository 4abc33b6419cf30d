package io.bulwark.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bulwark.audit.AuditCheckpoint;
import io.bulwark.audit.AuditCsvExport;
import io.bulwark.audit.AuditInclusionProof;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.LedgerVerification;
import io.bulwark.audit.TreeSizeExceededException;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Permissions;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's proofs: entries, signed checkpoints (C2SP tlog-checkpoint), their verifier keys,
 * inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4) — {@code audit:read} — and server-side
 * re-verification ({@code audit:verify}).
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{slug}/audit")
class AuditLedgerController {

  private static final MediaType TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");
  private static final String NDJSON = "application/x-ndjson";
  private static final String CSV = "text/csv";
  private static final int EXPORT_BUFFER = 64 * 1024;

  private final Tenants tenants;
  private final AuditLedger ledger;
  private final AccessDecisions access;
  private final AuditCsvExport csv;

  AuditLedgerController(
      Tenants tenants, AuditLedger ledger, AccessDecisions access, AuditCsvExport csv) {
    this.tenants = tenants;
    this.ledger = ledger;
    this.access = access;
    this.csv = csv;
  }

  @GetMapping(path = "/entries/{index}", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditEventController.EntryResponse entry(
      @PathVariable("slug") String slug, @PathVariable("index") long index) {
    Tenant tenant = readable(slug);
    if (index < 0) {
      throw AuditEventController.invalid("index", "must not be negative");
    }
    return ledger
        .entry(tenant.id(), index)
        .map(AuditEventController.EntryResponse::of)
        .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No entry at that index"));
  }

  @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> checkpoint(@PathVariable("slug") String slug) {
    Tenant tenant = readable(slug);
    AuditCheckpoint checkpoint = ledger.checkpoint(tenant.id());
    return ResponseEntity.ok()
        .contentType(TEXT)
        .cacheControl(CacheControl.noCache())
        .body(checkpoint.signedNote());
  }

  @GetMapping(path = "/checkpoint-keys", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> checkpointKeys(@PathVariable("slug") String slug) {
    Tenant tenant = readable(slug);
    ledger.checkpoint(tenant.id());
    StringBuilder lines = new StringBuilder();
    for (String key : ledger.verifierKeys(tenant.id())) {
      lines.append(key).append('\n');
    }
    return ResponseEntity.ok().contentType(TEXT).body(lines.toString());
  }

  @GetMapping(path = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
  InclusionResponse inclusion(
      @PathVariable("slug") String slug,
      @RequestParam("index") long index,
      @RequestParam("size") long size) {
    Tenant tenant = readable(slug);
    if (size < 1 || index < 0 || index >= size) {
      // A bad size is named before a bad index, which needs the log's size to tell them apart.
      long treeSize = ledger.size(tenant.id());
      if (size < 1 || size > treeSize) {
        throw sizeProblem("size", 1, treeSize);
      }
      throw AuditEventController.invalid("index", "must be 0 to size - 1");
    }
    AuditInclusionProof proof;
    try {
      proof = ledger.inclusionProof(tenant.id(), index, size);
    } catch (TreeSizeExceededException e) {
      throw sizeProblem("size", 1, e.treeSize());
    }
    return new InclusionResponse(
        index, size, proof.leafHash().toBase64(), base64(proof.proof().path()));
  }

  @GetMapping(path = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
  ConsistencyResponse consistency(
      @PathVariable("slug") String slug,
      @RequestParam("from") long from,
      @RequestParam("to") long to) {
    Tenant tenant = readable(slug);
    if (from < 0) {
      throw AuditEventController.invalid("from", "must not be negative");
    }
    if (to < 0 || from > to) {
      // A bad 'to' is named before 'from' > 'to', which needs the log's size to tell them apart.
      long treeSize = ledger.size(tenant.id());
      if (to < 0 || to > treeSize) {
        throw sizeProblem("to", 0, treeSize);
      }
      throw AuditEventController.invalid("from", "must not be greater than 'to'");
    }
    Rfc9162ConsistencyProof proof;
    try {
      proof = ledger.consistencyProof(tenant.id(), from, to);
    } catch (TreeSizeExceededException e) {
      throw sizeProblem("to", 0, e.treeSize());
    }
    return new ConsistencyResponse(from, to, base64(proof.path()));
  }

  private static ApiProblem sizeProblem(String parameter, long least, long treeSize) {
    return AuditEventController.invalid(
        parameter, "must be " + least + " to the tree size, " + treeSize);
  }

  /**
   * Streams {@code [from, to)} of the log (default: everything the latest checkpoint covers) as a
   * bulwark-ledger export, or as CSV with {@code ?format=csv} or {@code Accept: text/csv}. The
   * range is checked before the first byte is written, so bad parameters still get a problem
   * response; the body is written straight to the connection.
   */
  @GetMapping(path = "/export")
  void export(
      @PathVariable("slug") String slug,
      @RequestParam(name = "from", required = false) @Nullable Long from,
      @RequestParam(name = "to", required = false) @Nullable Long to,
      @RequestParam(name = "format", required = false) @Nullable String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
      HttpServletResponse response)
      throws IOException {
    Tenant tenant = readable(slug);
    boolean asCsv = csv(format, accept);
    AuditCheckpoint checkpoint = ledger.checkpoint(tenant.id());
    long begin = from == null ? 0 : from;
    long end = to == null ? checkpoint.treeSize() : to;
    if (begin < 0) {
      throw AuditEventController.invalid("from", "must not be negative");
    }
    if (end < 0 || end > checkpoint.treeSize()) {
      throw AuditEventController.invalid(
          "to", "must be 0 to the latest checkpoint's tree size, " + checkpoint.treeSize());
    }
    if (begin > end) {
      throw AuditEventController.invalid("from", "must not be greater than 'to'");
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(asCsv ? CSV + "; header=present" : NDJSON);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(
                tenant.slug().value() + "-audit-" + begin + "-" + end + (asCsv ? ".csv" : ".jsonl"))
            .build()
            .toString());
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
            EXPORT_BUFFER);
    try {
      if (asCsv) {
        csv.export(tenant.id(), begin, end, out);
      } else {
        ledger.export(tenant.id(), checkpoint, begin, end, out);
      }
    } catch (RuntimeException failure) {
      if (!response.isCommitted()) {
        // Nothing was sent: the problem response must not be offered as the export file.
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
      }
      throw failure;
    }
    out.flush();
  }

  @PostMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  VerifyResponse verify(
      @PathVariable("slug") String slug,
      @RequestBody(required = false) @Nullable VerifyRequest body) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_VERIFY, tenant.id());
    LedgerVerification result =
        ledger.verify(
            tenant.id(), body == null ? null : body.from(), body == null ? null : body.to());
    return new VerifyResponse(
        result.intact(),
        result.firstBadIndex(),
        result.from(),
        result.to(),
        result.size(),
        result.reason(),
        result.pruned());
  }

  private static boolean csv(@Nullable String format, @Nullable String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "jsonl" -> false;
        default -> throw AuditEventController.invalid("format", "must be jsonl or csv");
      };
    }
    if (accept == null) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream()
          .anyMatch(type ->
              type.isCompatibleWith(MediaType.parseMediaType(CSV)) && !type.isWildcardType());
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      return false;
    }
  }

  private Tenant readable(String slug) {
    Tenant tenant = tenants.require(slug);
    access.require(Permissions.AUDIT_READ, tenant.id());
    return tenant;
  }

  private static List<String> base64(List<Sha256Hash> hashes) {
    return hashes.stream().map(Sha256Hash::toBase64).toList();
  }

  record InclusionResponse(long index, long size, String leafHash, List<String> hashes) {}

  record ConsistencyResponse(long from, long to, List<String> hashes) {}

  record VerifyRequest(@Nullable Long from, @Nullable Long to) {}

  record VerifyResponse(
      boolean intact,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long firstBadIndex,
      long from,
      long to,
      long size,
      @Nullable String reason,
      long pruned) {}
}
